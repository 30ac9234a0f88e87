package dev.peerscout.adapters.dht.krpc;

import dev.peerscout.bencode.BValue.BBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The {@code t} of a KRPC message: a short byte string the node echoes, so we can match its reply
 * to our query. Ours are random, from a secure source in production; they are what makes blind
 * spoofing hard (a forger must also guess which node we asked).
 */
public final class TransactionId {
    /** Length of the ids we make. BEP 5 suggests 2; 4 bytes make guessing 65,536 times harder. */
    public static final int LENGTH = 4;
    /** Longest echoed id we bother to match; ours are {@link #LENGTH}. */
    static final int MAX_LENGTH = 32;

    private final byte[] bytes;

    private TransactionId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static TransactionId random(RandomGenerator random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new TransactionId(bytes);
    }

    public static TransactionId of(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("transaction id longer than " + MAX_LENGTH + " bytes");
        }
        return new TransactionId(bytes.clone());
    }

    public static TransactionId ascii(String text) {
        return of(text.getBytes(StandardCharsets.US_ASCII));
    }

    BBytes toBValue() {
        return BBytes.of(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
