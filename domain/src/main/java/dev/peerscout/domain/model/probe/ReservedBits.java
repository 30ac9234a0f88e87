package dev.peerscout.domain.model.probe;

/**
 * The 8 reserved bytes of a BEP 3 handshake as the peer sent them, big-endian in one long, with
 * the bits peers commonly set named (BEP 10, BEP 5, BEP 6, BEP 52).
 */
public record ReservedBits(long bits) {
    /** Byte 5, 0x10: the extension protocol (BEP 10). */
    public static final long EXTENSIONS = 0x10L << 16;
    /** Byte 7, 0x01: DHT (BEP 5). */
    public static final long DHT = 0x01L;
    /** Byte 7, 0x04: the fast extension (BEP 6). */
    public static final long FAST = 0x04L;
    /** Byte 7, 0x10: the v2 upgrade (BEP 52). */
    public static final long V2 = 0x10L;

    public boolean extensions() {
        return (bits & EXTENSIONS) != 0;
    }

    public boolean dht() {
        return (bits & DHT) != 0;
    }

    public boolean fast() {
        return (bits & FAST) != 0;
    }

    public boolean v2() {
        return (bits & V2) != 0;
    }

    /** The 16 hex digits, as the bytes stand on the wire. */
    public String hex() {
        return String.format("%016x", bits);
    }
}
