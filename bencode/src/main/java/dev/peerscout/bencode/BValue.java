package dev.peerscout.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bencode value (BEP 3) as a small tree that owns its bytes: what {@link BencodeNode#toValue()}
 * makes of a message read whole, and what {@link BencodeEncoder} writes. Large inputs are better
 * read in place through {@link BencodeNode}s.
 */
public sealed interface BValue permits BValue.BInt, BValue.BBytes, BValue.BList, BValue.BDict {

    BencodeKind kind();

    record BInt(long value) implements BValue {
        @Override
        public BencodeKind kind() {
            return BencodeKind.INTEGER;
        }
    }

    /**
     * A byte string, compared by content so it can key a dictionary. Never hands out its array.
     * Comparable because whoever sends a message chooses its keys: many with one
     * {@link Arrays#hashCode} would make each HashMap insertion a linear scan (quadratic decoding);
     * with comparable keys, HashMap keeps such a bucket as a tree.
     */
    final class BBytes implements BValue, Comparable<BBytes> {
        private final byte[] bytes;

        private BBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        /** A copy of {@code bytes}. */
        public static BBytes of(byte[] bytes) {
            return new BBytes(bytes.clone());
        }

        /** {@code input[from, to)}, copied. */
        public static BBytes of(byte[] input, int from, int to) {
            return new BBytes(Arrays.copyOfRange(input, from, to));
        }

        public static BBytes ascii(String text) {
            return new BBytes(text.getBytes(StandardCharsets.US_ASCII));
        }

        public static BBytes utf8(String text) {
            return new BBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        public int length() {
            return bytes.length;
        }

        public byte[] toBytes() {
            return bytes.clone();
        }

        /** For text meant for people; invalid UTF-8 becomes U+FFFD rather than an error. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public byte byteAt(int index) {
            return bytes[index];
        }

        /** Copies {@code length} bytes from {@code from} into {@code target} at {@code offset}. */
        public void copyTo(byte[] target, int offset, int from, int length) {
            System.arraycopy(bytes, from, target, offset, length);
        }

        /** Whether the bytes are exactly {@code ascii}'s characters. */
        public boolean isAscii(String ascii) {
            if (ascii.length() != bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if (ascii.charAt(i) > 0x7f || (bytes[i] & 0xff) != ascii.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public BencodeKind kind() {
            return BencodeKind.STRING;
        }

        /** Unsigned byte order (memcmp), the order bencode wants for dictionary keys; consistent with {@link #equals}. */
        @Override
        public int compareTo(BBytes other) {
            return Arrays.compareUnsigned(bytes, other.bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BBytes that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        /** Quoted when printable ASCII, else hex. */
        @Override
        public String toString() {
            boolean printable = true;
            for (byte b : bytes) {
                printable &= b >= 0x20 && b < 0x7f;
            }
            return printable
                    ? '"' + new String(bytes, StandardCharsets.US_ASCII) + '"'
                    : "0x" + HexFormat.of().formatHex(bytes);
        }
    }

    record BList(List<BValue> items) implements BValue {
        public BList {
            items = List.copyOf(items);
        }

        public static BList of(BValue... items) {
            return new BList(List.of(items));
        }

        @Override
        public BencodeKind kind() {
            return BencodeKind.LIST;
        }
    }

    /**
     * A dictionary. Decoded ones keep input order (of duplicate keys the last value wins, in the
     * first one's place); {@link BencodeEncoder} sorts keys.
     */
    record BDict(Map<BBytes, BValue> entries) implements BValue {
        public BDict {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public static Builder builder() {
            return new Builder();
        }

        public Optional<BValue> get(String key) {
            return Optional.ofNullable(entries.get(BBytes.ascii(key)));
        }

        public Optional<BValue> get(BBytes key) {
            return Optional.ofNullable(entries.get(key));
        }

        public Optional<BBytes> bytes(String key) {
            return get(key).filter(BBytes.class::isInstance).map(BBytes.class::cast);
        }

        /** A string value as UTF-8 text (invalid sequences become U+FFFD). */
        public Optional<String> text(String key) {
            return bytes(key).map(BBytes::text);
        }

        public Optional<BDict> dict(String key) {
            return get(key).filter(BDict.class::isInstance).map(BDict.class::cast);
        }

        public Optional<BList> list(String key) {
            return get(key).filter(BList.class::isInstance).map(BList.class::cast);
        }

        public Optional<Long> integer(String key) {
            return get(key).filter(BInt.class::isInstance).map(value -> ((BInt) value).value());
        }

        @Override
        public BencodeKind kind() {
            return BencodeKind.DICTIONARY;
        }

        /** Builds a dictionary for a message we send; keys in any order (the encoder sorts them). */
        public static final class Builder {
            private final Map<BBytes, BValue> entries = new LinkedHashMap<>();

            private Builder() {}

            public Builder put(String key, BValue value) {
                return put(BBytes.ascii(key), value);
            }

            public Builder put(BBytes key, BValue value) {
                entries.put(key, value);
                return this;
            }

            public Builder put(String key, long value) {
                return put(key, new BInt(value));
            }

            public Builder put(String key, byte[] value) {
                return put(key, BBytes.of(value));
            }

            /** A text value, written as UTF-8. */
            public Builder putText(String key, String value) {
                return put(key, BBytes.utf8(value));
            }

            public BDict build() {
                return new BDict(entries);
            }
        }
    }
}
