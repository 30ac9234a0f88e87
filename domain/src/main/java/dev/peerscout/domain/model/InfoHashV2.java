package dev.peerscout.domain.model;

import java.util.Arrays;

/** A BEP 52 (v2) info hash: the SHA-256 of the info dictionary. */
public final class InfoHashV2 {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private InfoHashV2(byte[] bytes) {
        this.bytes = bytes;
    }

    public static InfoHashV2 of(byte[] bytes) {
        return new InfoHashV2(Bytes.exact(bytes, LENGTH, "v2 info hash"));
    }

    /** Parses 64 hex digits, either case. */
    public static InfoHashV2 fromHex(String hex) {
        return new InfoHashV2(Bytes.fromHex(hex, LENGTH, "v2 info hash"));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The first 20 bytes: what trackers and the DHT use for a v2 swarm. */
    public InfoHash truncated() {
        return InfoHash.of(Arrays.copyOf(bytes, InfoHash.LENGTH));
    }

    /** Lowercase hex, 64 characters. */
    public String hex() {
        return Bytes.hex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHashV2 that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
