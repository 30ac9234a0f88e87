package dev.peerscout.adapters.udp.protocol;

import io.vavr.control.Either;
import java.nio.ByteBuffer;

/** BEP 15 connect request: asks the tracker for a connection id. */
public record ConnectRequest(int transactionId) {
    /** The magic constant that marks a connect request. */
    public static final long PROTOCOL_ID = 0x41727101980L;

    public static final int LENGTH = 16;

    public byte[] toBytes() {
        return ByteBuffer.allocate(LENGTH)
                .putLong(PROTOCOL_ID)
                .putInt(Action.CONNECT.code())
                .putInt(transactionId)
                .array();
    }

    public static Either<MalformedPacket, ConnectRequest> decode(ByteBuffer datagram) {
        ByteBuffer packet = Packets.view(datagram);
        if (packet.remaining() < LENGTH) {
            return Either.left(MalformedPacket.tooShort("connect request", packet.remaining(), LENGTH));
        }
        if (packet.getLong(0) != PROTOCOL_ID) {
            return Either.left(new MalformedPacket("connect request without the protocol id"));
        }
        if (packet.getInt(8) != Action.CONNECT.code()) {
            return Either.left(new MalformedPacket("connect request with action " + packet.getInt(8)));
        }
        return Either.right(new ConnectRequest(packet.getInt(12)));
    }
}
