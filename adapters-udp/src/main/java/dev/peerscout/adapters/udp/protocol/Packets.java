package dev.peerscout.adapters.udp.protocol;

import io.vavr.control.Either;
import java.nio.ByteBuffer;

/** Reading helpers shared by the decoders. All integers on the wire are big-endian. */
final class Packets {
    private Packets() {}

    /**
     * The readable bytes of {@code datagram} as a big-endian view indexed from 0; the caller's
     * buffer position is left alone.
     */
    static ByteBuffer view(ByteBuffer datagram) {
        return datagram.slice();
    }

    /** Reads the action and checks it, so each decoder can be called on any datagram. */
    static Either<MalformedPacket, ByteBuffer> expect(ByteBuffer datagram, Action action, int minimum, String what) {
        ByteBuffer packet = view(datagram);
        if (packet.remaining() < minimum) {
            return Either.left(MalformedPacket.tooShort(what, packet.remaining(), minimum));
        }
        int actual = packet.getInt(0);
        if (actual != action.code()) {
            return Either.left(new MalformedPacket(what + " has action " + actual + ", expected " + action.code()));
        }
        return Either.right(packet);
    }

    static long unsignedInt(ByteBuffer packet, int offset) {
        return Integer.toUnsignedLong(packet.getInt(offset));
    }

    static int unsignedShort(ByteBuffer packet, int offset) {
        return Short.toUnsignedInt(packet.getShort(offset));
    }
}
