package dev.peerscout.adapters.peerwire.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The BEP 3 handshake: {@code 0x13 "BitTorrent protocol"}, 8 reserved bytes, the 20-byte info hash
 * and the 20-byte peer id, 68 bytes in all. The reserved bytes are one big-endian long.
 */
public final class Handshake {
    public static final int LENGTH = 68;
    private static final byte[] PROTOCOL = "\u0013BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

    /** Byte 5, 0x10: the extension protocol (BEP 10). */
    public static final long EXTENSIONS = 0x10L << 16;
    /** Byte 7, 0x01: DHT (BEP 5). */
    public static final long DHT = 0x01L;
    /** Byte 7, 0x04: the fast extension (BEP 6). */
    public static final long FAST = 0x04L;
    /** Byte 7, 0x10: upgrade to v2 (BEP 52), with the v1 hash of a hybrid torrent. */
    public static final long V2_UPGRADE = 0x10L;

    private final long reserved;
    private final byte[] infoHash;
    private final byte[] peerId;

    public Handshake(long reserved, byte[] infoHash, byte[] peerId) {
        if (infoHash.length != 20 || peerId.length != 20) {
            throw new IllegalArgumentException("info hash and peer id are 20 bytes each");
        }
        this.reserved = reserved;
        this.infoHash = infoHash.clone();
        this.peerId = peerId.clone();
    }

    public long reserved() {
        return reserved;
    }

    public byte[] infoHash() {
        return infoHash.clone();
    }

    public byte[] peerId() {
        return peerId.clone();
    }

    public boolean hasHash(byte[] hash) {
        return Arrays.equals(infoHash, hash);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH)
                .put(PROTOCOL)
                .putLong(reserved)
                .put(infoHash)
                .put(peerId)
                .array();
    }

    /**
     * True while the bytes so far could still begin a handshake: a peer that sends anything else
     * is not speaking BitTorrent, and we need not wait for 68 bytes to say so.
     */
    public static boolean couldStart(ByteBuffer in) {
        int n = Math.min(in.remaining(), PROTOCOL.length);
        for (int i = 0; i < n; i++) {
            if (in.get(in.position() + i) != PROTOCOL[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads the 68 bytes at the buffer's position (at least that many must remain). */
    public static Decoded decode(ByteBuffer in) {
        if (in.remaining() < LENGTH) {
            throw new IllegalArgumentException("a handshake is 68 bytes");
        }
        if (!couldStart(in)) {
            return new Decoded.NotBitTorrent();
        }
        in.position(in.position() + PROTOCOL.length);
        long reserved = in.getLong();
        byte[] hash = new byte[20];
        byte[] id = new byte[20];
        in.get(hash).get(id);
        return new Decoded.Ok(new Handshake(reserved, hash, id));
    }

    /** A handshake, or bytes that are not one. */
    public sealed interface Decoded {
        record Ok(Handshake handshake) implements Decoded {}

        record NotBitTorrent() implements Decoded {}
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Handshake that
                && reserved == that.reserved
                && Arrays.equals(infoHash, that.infoHash)
                && Arrays.equals(peerId, that.peerId);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(reserved) * 31 + Arrays.hashCode(infoHash);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "Handshake[" + String.format("%016x", reserved) + ", " + hex.formatHex(infoHash) + ", "
                + hex.formatHex(peerId) + "]";
    }
}
