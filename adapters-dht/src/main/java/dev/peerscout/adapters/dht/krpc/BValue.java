package dev.peerscout.adapters.dht.krpc;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bencode value (BEP 3), as far as KRPC messages need one. */
public sealed interface BValue permits BValue.BInt, BValue.BBytes, BValue.BList, BValue.BDict {

    record BInt(long value) implements BValue {}

    /**
     * A byte string, compared by content so it can key a dictionary. Never hands out its array.
     * Comparable because whoever sends a message chooses its keys: many with one
     * {@link Arrays#hashCode} would make each HashMap insertion a linear scan (quadratic decoding
     * of a 64 KiB datagram); with comparable keys, HashMap keeps such a bucket as a tree.
     */
    final class BBytes implements BValue, Comparable<BBytes> {
        private final byte[] bytes;

        private BBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        public static BBytes of(byte[] bytes) {
            return new BBytes(bytes.clone());
        }

        public static BBytes ascii(String text) {
            return new BBytes(text.getBytes(StandardCharsets.US_ASCII));
        }

        /** Takes ownership of a fresh array nobody else holds (the decoder's copies). */
        static BBytes owning(byte[] fresh) {
            return new BBytes(fresh);
        }

        public int length() {
            return bytes.length;
        }

        public byte[] toBytes() {
            return bytes.clone();
        }

        /** For text a node meant for people; invalid UTF-8 becomes U+FFFD rather than an error. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        byte byteAt(int index) {
            return bytes[index];
        }

        void copyTo(byte[] target, int offset, int from, int length) {
            System.arraycopy(bytes, from, target, offset, length);
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

        @Override
        public String toString() {
            boolean printable = true;
            for (byte b : bytes) {
                printable &= b >= 0x20 && b < 0x7f;
            }
            return printable ? '"' + new String(bytes, StandardCharsets.US_ASCII) + '"'
                    : "0x" + HexFormat.of().formatHex(bytes);
        }
    }

    record BList(List<BValue> items) implements BValue {
        public BList {
            items = List.copyOf(items);
        }
    }

    /** A dictionary. Decoded ones keep input order (duplicate keys: the last wins); encoding sorts keys. */
    record BDict(Map<BBytes, BValue> entries) implements BValue {
        public BDict {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Option<BValue> get(String key) {
            return Option.of(entries.get(BBytes.ascii(key)));
        }

        public Option<BBytes> bytes(String key) {
            return get(key).filter(BBytes.class::isInstance).map(BBytes.class::cast);
        }

        public Option<BDict> dict(String key) {
            return get(key).filter(BDict.class::isInstance).map(BDict.class::cast);
        }

        public Option<BList> list(String key) {
            return get(key).filter(BList.class::isInstance).map(BList.class::cast);
        }

        public Option<Long> integer(String key) {
            return get(key).filter(BInt.class::isInstance).map(value -> ((BInt) value).value());
        }

        /** A dictionary built from ASCII keys and values, in any order: for messages we write. */
        public static BDict of(Object... keysAndValues) {
            if (keysAndValues.length % 2 != 0) {
                throw new IllegalArgumentException("keys and values must pair up");
            }
            Map<BBytes, BValue> entries = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                entries.put(BBytes.ascii((String) keysAndValues[i]), (BValue) keysAndValues[i + 1]);
            }
            return new BDict(entries);
        }
    }
}
