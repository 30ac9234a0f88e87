package dev.peerscout.domain.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Our 20-byte peer id (BEP 20 Azureus style: {@code -PS0100-} followed by 12 random characters). */
public final class PeerId {
    public static final int LENGTH = 20;
    public static final String DEFAULT_PREFIX = "-PS0100-";

    /** URL-unreserved characters only, so the id never needs percent-escaping. */
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;

    private PeerId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PeerId of(byte[] bytes) {
        return new PeerId(Bytes.exact(bytes, LENGTH, "peer id"));
    }

    /** A prefix (at most 20 ASCII bytes) padded with random unreserved characters. */
    public static PeerId random(String prefix, RandomGenerator random) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        if (head.length > LENGTH) {
            throw new IllegalArgumentException("peer id prefix longer than 20 bytes: " + prefix);
        }
        byte[] id = Arrays.copyOf(head, LENGTH);
        for (int i = head.length; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new PeerId(id);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    public String hex() {
        return Bytes.hex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Printable when it is (ours always is), hex otherwise. */
    @Override
    public String toString() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return hex();
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
