package dev.peerscout.adapters.peerwire.protocol;

import java.nio.ByteBuffer;

/**
 * Reads length-prefixed messages (BEP 3) out of a buffer, checking each length against the
 * message's id before a byte of its payload is kept: a peer cannot make us allocate more than
 * {@link Limits#largest()} however large the length it announces.
 */
public final class Frames {
    private Frames() {}

    /**
     * Caps on what a peer may send.
     *
     * @param bitfieldBytes the exact bitfield length when the piece count is known (spare bits must
     *                      be zero), else -1 and {@code maxBitfieldBytes} bounds it
     * @param pieceCount    the piece count, or -1 when unknown
     */
    public record Limits(int bitfieldBytes, long pieceCount, int maxBitfieldBytes, int maxExtended, int maxOther) {
        /** 2^23 pieces: far beyond any torrent seen (a 4 MiB-piece torrent of 32 TiB). */
        public static final int DEFAULT_MAX_BITFIELD = 1 << 20;
        /** Extension messages: PEX of 10,000 peers is 60 KB, a BEP 9 data message 16 KiB and a small dictionary. */
        public static final int DEFAULT_MAX_EXTENDED = 1 << 17;
        /** A piece message is 16 KiB of data plus 9 bytes, though we never ask for one. */
        public static final int DEFAULT_MAX_OTHER = (1 << 17) + 9;

        public static Limits forPieces(long pieceCount) {
            if (pieceCount < 0) {
                return new Limits(-1, -1, DEFAULT_MAX_BITFIELD, DEFAULT_MAX_EXTENDED, DEFAULT_MAX_OTHER);
            }
            long bytes = (pieceCount + 7) / 8;
            if (bytes > DEFAULT_MAX_BITFIELD) {
                return new Limits(-1, -1, DEFAULT_MAX_BITFIELD, DEFAULT_MAX_EXTENDED, DEFAULT_MAX_OTHER);
            }
            return new Limits((int) bytes, pieceCount, DEFAULT_MAX_BITFIELD, DEFAULT_MAX_EXTENDED, DEFAULT_MAX_OTHER);
        }

        /** The largest whole message (prefix included) these limits allow. */
        public int largest() {
            return 4
                    + 1
                    + Math.max(Math.max(bitfieldBytes < 0 ? maxBitfieldBytes : bitfieldBytes, maxExtended), maxOther);
        }
    }

    /** What the bytes at the buffer's position hold. */
    public sealed interface Decoded {
        /** A whole message; the buffer's position moved past it. */
        record Message(WireMessage message) implements Decoded {}

        /** The message is {@code total} bytes long (prefix included) and not all of it is here; the position did not move. */
        record NeedMore(int total) implements Decoded {}

        /** The peer broke the protocol; the connection must end. */
        record Violation(String why) implements Decoded {}
    }

    public static Decoded decode(ByteBuffer in, Limits limits) {
        if (in.remaining() < 4) {
            return new Decoded.NeedMore(4);
        }
        int start = in.position();
        long length = in.getInt(start) & 0xFFFF_FFFFL;
        if (length == 0) {
            in.position(start + 4);
            return new Decoded.Message(new WireMessage.KeepAlive());
        }
        if (length > limits.largest() - 4) {
            return new Decoded.Violation(
                    "a message of " + length + " bytes (at most " + (limits.largest() - 4) + " allowed)");
        }
        if (in.remaining() < 5) {
            return new Decoded.NeedMore(5);
        }
        int id = in.get(start + 4) & 0xFF;
        String problem = checkLength(id, (int) length, limits);
        if (problem != null) {
            return new Decoded.Violation(problem);
        }
        int total = 4 + (int) length;
        if (in.remaining() < total) {
            return new Decoded.NeedMore(total);
        }
        ByteBuffer body = in.duplicate().position(start + 5).limit(start + total);
        WireMessage message = read(id, (int) length - 1, body, limits);
        if (message == null) {
            return new Decoded.Violation("a bitfield with spare bits set");
        }
        in.position(start + total);
        return new Decoded.Message(message);
    }

    private static String checkLength(int id, int length, Limits limits) {
        int payload = length - 1;
        return switch (id) {
            case WireMessage.CHOKE,
                    WireMessage.UNCHOKE,
                    WireMessage.INTERESTED,
                    WireMessage.NOT_INTERESTED,
                    WireMessage.HAVE_ALL,
                    WireMessage.HAVE_NONE -> exactly(id, payload, 0);
            case WireMessage.HAVE, WireMessage.SUGGEST, WireMessage.ALLOWED_FAST -> exactly(id, payload, 4);
            case WireMessage.REQUEST, WireMessage.CANCEL, WireMessage.REJECT -> exactly(id, payload, 12);
            case WireMessage.PORT -> exactly(id, payload, 2);
            case WireMessage.PIECE ->
                payload < 8 || payload > limits.maxOther() - 1 ? "a piece message of " + length + " bytes" : null;
            case WireMessage.BITFIELD ->
                limits.bitfieldBytes() >= 0
                        ? exactly(id, payload, limits.bitfieldBytes())
                        : payload > limits.maxBitfieldBytes() ? "a bitfield of " + payload + " bytes" : null;
            case WireMessage.EXTENDED ->
                payload < 1 || payload > limits.maxExtended()
                        ? "an extension message of " + payload + " bytes (at most " + limits.maxExtended() + ")"
                        : null;
            default -> payload > limits.maxOther() ? "a message of id " + id + " and " + length + " bytes" : null;
        };
    }

    private static String exactly(int id, int payload, int expected) {
        return payload == expected
                ? null
                : "message id " + id + " with " + payload + " payload bytes (expected " + expected + ")";
    }

    private static WireMessage read(int id, int payloadLength, ByteBuffer body, Limits limits) {
        switch (id) {
            case WireMessage.HAVE:
                return new WireMessage.Have(body.getInt());
            case WireMessage.HAVE_ALL:
                return new WireMessage.HaveAll();
            case WireMessage.HAVE_NONE:
                return new WireMessage.HaveNone();
            case WireMessage.BITFIELD: {
                byte[] bits = new byte[payloadLength];
                body.get(bits);
                if (limits.pieceCount() >= 0 && bits.length > 0) {
                    int spare = (int) (bits.length * 8L - limits.pieceCount());
                    int mask = (1 << spare) - 1;
                    if ((bits[bits.length - 1] & mask) != 0) {
                        return null;
                    }
                }
                return new WireMessage.Bitfield(bits);
            }
            case WireMessage.EXTENDED: {
                int extendedId = body.get() & 0xFF;
                byte[] payload = new byte[payloadLength - 1];
                body.get(payload);
                return new WireMessage.Extended(extendedId, payload);
            }
            default:
                return new WireMessage.Other(id, payloadLength + 1);
        }
    }
}
