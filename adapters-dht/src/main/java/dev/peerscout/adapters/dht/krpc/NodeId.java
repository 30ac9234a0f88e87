package dev.peerscout.adapters.dht.krpc;

import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.domain.model.InfoHash;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit DHT node id, or a lookup target (an info hash lives in the same space). Distance is
 * XOR, compared as an unsigned number. Immutable; never hands out its array.
 */
public final class NodeId {
    public static final int LENGTH = 20;

    private final byte[] bytes;

    private NodeId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static NodeId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("node id must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new NodeId(bytes.clone());
    }

    public static NodeId of(InfoHash infoHash) {
        return new NodeId(infoHash.toBytes());
    }

    public static NodeId random(RandomGenerator random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new NodeId(bytes);
    }

    public static NodeId fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** Reads 20 bytes at {@code offset} of a compact node string. */
    static NodeId read(BBytes from, int offset) {
        byte[] bytes = new byte[LENGTH];
        from.copyTo(bytes, 0, offset, LENGTH);
        return new NodeId(bytes);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    BBytes toBValue() {
        return BBytes.of(bytes);
    }

    /**
     * Orders {@code a} and {@code b} by their XOR distance to this id: negative when {@code a} is
     * closer. Allocation-free, since lookups compare a lot.
     */
    public int compareDistance(NodeId a, NodeId b) {
        for (int i = 0; i < LENGTH; i++) {
            int da = (a.bytes[i] ^ bytes[i]) & 0xFF;
            int db = (b.bytes[i] ^ bytes[i]) & 0xFF;
            if (da != db) {
                return Integer.compare(da, db);
            }
        }
        return 0;
    }

    /** Leading bits shared with {@code other}: 160 for the same id. The routing table's bucket index. */
    public int commonPrefixLength(NodeId other) {
        for (int i = 0; i < LENGTH; i++) {
            int x = (bytes[i] ^ other.bytes[i]) & 0xFF;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return LENGTH * 8;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeId that && Arrays.equals(bytes, that.bytes);
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
