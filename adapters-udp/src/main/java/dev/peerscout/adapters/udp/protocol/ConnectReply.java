package dev.peerscout.adapters.udp.protocol;

import io.vavr.control.Either;
import java.nio.ByteBuffer;

/** BEP 15 connect response: the connection id to put in the next requests. */
public record ConnectReply(int transactionId, long connectionId) implements Reply {
    public static final int MIN_LENGTH = 16;

    @Override
    public Action action() {
        return Action.CONNECT;
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(MIN_LENGTH)
                .putInt(Action.CONNECT.code())
                .putInt(transactionId)
                .putLong(connectionId)
                .array();
    }

    /** Trailing bytes are tolerated (trackers may append fields). */
    public static Either<MalformedPacket, ConnectReply> decode(ByteBuffer datagram) {
        return Packets.expect(datagram, Action.CONNECT, MIN_LENGTH, "connect reply")
                .map(packet -> new ConnectReply(packet.getInt(4), packet.getLong(8)));
    }
}
