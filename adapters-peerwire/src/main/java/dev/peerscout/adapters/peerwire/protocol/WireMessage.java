package dev.peerscout.adapters.peerwire.protocol;

import java.nio.ByteBuffer;

/** A message after the handshake (BEP 3, BEP 6, BEP 10), as far as a prober cares about it. */
public sealed interface WireMessage {
    int CHOKE = 0;
    int UNCHOKE = 1;
    int INTERESTED = 2;
    int NOT_INTERESTED = 3;
    int HAVE = 4;
    int BITFIELD = 5;
    int REQUEST = 6;
    int PIECE = 7;
    int CANCEL = 8;
    int PORT = 9;
    int SUGGEST = 0x0D;
    int HAVE_ALL = 0x0E;
    int HAVE_NONE = 0x0F;
    int REJECT = 0x10;
    int ALLOWED_FAST = 0x11;
    int EXTENDED = 20;

    /** The framed bytes: 4-byte length, id, payload. */
    byte[] encode();

    record KeepAlive() implements WireMessage {
        @Override
        public byte[] encode() {
            return new byte[4];
        }
    }

    record Have(int piece) implements WireMessage {
        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(9)
                    .putInt(5)
                    .put((byte) HAVE)
                    .putInt(piece)
                    .array();
        }
    }

    /** Which pieces the peer has, high bit first; the decoder checked its length and spare bits. */
    record Bitfield(byte[] bits) implements WireMessage {
        public Bitfield {
            bits = bits.clone();
        }

        @Override
        public byte[] bits() {
            return bits.clone();
        }

        public int count() {
            int n = 0;
            for (byte b : bits) {
                n += Integer.bitCount(b & 0xFF);
            }
            return n;
        }

        public boolean has(int piece) {
            return piece >= 0 && piece / 8 < bits.length && (bits[piece / 8] & (0x80 >>> (piece % 8))) != 0;
        }

        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(5 + bits.length)
                    .putInt(1 + bits.length)
                    .put((byte) BITFIELD)
                    .put(bits)
                    .array();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bitfield that && java.util.Arrays.equals(bits, that.bits);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bits);
        }
    }

    record HaveAll() implements WireMessage {
        @Override
        public byte[] encode() {
            return new byte[] {0, 0, 0, 1, HAVE_ALL};
        }
    }

    record HaveNone() implements WireMessage {
        @Override
        public byte[] encode() {
            return new byte[] {0, 0, 0, 1, HAVE_NONE};
        }
    }

    /** A BEP 10 message: extended id 0 is the extension handshake, others are the ids we gave in our {@code m}. */
    record Extended(int extendedId, byte[] payload) implements WireMessage {
        public Extended {
            if (extendedId < 0 || extendedId > 255) {
                throw new IllegalArgumentException("extended id is one byte");
            }
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(6 + payload.length)
                    .putInt(2 + payload.length)
                    .put((byte) EXTENDED)
                    .put((byte) extendedId)
                    .put(payload)
                    .array();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Extended that
                    && extendedId == that.extendedId
                    && java.util.Arrays.equals(payload, that.payload);
        }

        @Override
        public int hashCode() {
            return extendedId * 31 + java.util.Arrays.hashCode(payload);
        }
    }

    /** Any other well-formed message (choke, piece, allowed_fast, ...): its id and length are all we keep. */
    record Other(int id, int length) implements WireMessage {
        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(4 + length).putInt(length).put((byte) id).array();
        }
    }
}
