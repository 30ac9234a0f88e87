package dev.peerscout.domain.model;

import java.util.Arrays;

/**
 * The 20-byte identifier of a swarm as trackers see it: a v1 SHA-1 info hash, or the first
 * 20 bytes of a v2 SHA-256 info hash (BEP 52). Immutable; never hands out its array.
 */
public final class InfoHash {
    public static final int LENGTH = 20;

    private final byte[] bytes;
    /** Hashes key big maps (100,000 swarms in a scrape): computed once. */
    private final int hash;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static InfoHash of(byte[] bytes) {
        return new InfoHash(Bytes.exact(bytes, LENGTH, "info hash"));
    }

    /** Parses 40 hex digits, either case. */
    public static InfoHash fromHex(String hex) {
        return new InfoHash(Bytes.fromHex(hex, LENGTH, "info hash"));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Copies the 20 bytes into {@code target} at {@code offset} without allocating. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    /** Lowercase hex, 40 characters. */
    public String hex() {
        return Bytes.hex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
