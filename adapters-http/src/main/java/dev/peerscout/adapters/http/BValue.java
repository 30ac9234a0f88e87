package dev.peerscout.adapters.http;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A decoded bencode value (BEP 3), as far as tracker responses need one. */
sealed interface BValue permits BValue.BInt, BValue.BBytes, BValue.BList, BValue.BDict {

    /** What the value is, for error messages ("an integer", "a list"). */
    String describe();

    record BInt(long value) implements BValue {
        @Override
        public String describe() {
            return "an integer";
        }
    }

    /**
     * A byte string. Compared by content, so it can key a dictionary (scrape keys are raw hashes).
     * Comparable because a tracker chooses the keys: many with one {@link Arrays#hashCode} would
     * make each HashMap insertion a linear scan (a 2.5 MB body took minutes to decode); with
     * comparable keys, HashMap keeps such a bucket as a tree.
     */
    final class BBytes implements BValue, Comparable<BBytes> {
        private final byte[] bytes;

        BBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        static BBytes ascii(String text) {
            return new BBytes(text.getBytes(StandardCharsets.US_ASCII));
        }

        int length() {
            return bytes.length;
        }

        byte[] toBytes() {
            return bytes.clone();
        }

        /** For text the tracker meant for people; invalid UTF-8 becomes U+FFFD rather than an error. */
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String describe() {
            return "a byte string";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BBytes that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        /** Unsigned lexicographic order, consistent with {@link #equals}. */
        @Override
        public int compareTo(BBytes other) {
            return Arrays.compareUnsigned(bytes, other.bytes);
        }

        @Override
        public String toString() {
            return BodyPreview.of(bytes, 60);
        }
    }

    record BList(List<BValue> items) implements BValue {
        public BList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A dictionary in input order. Duplicate keys: the last one wins (as libtorrent does). */
    record BDict(Map<BBytes, BValue> entries) implements BValue {
        public BDict {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Option<BValue> get(String key) {
            return Option.of(entries.get(BBytes.ascii(key)));
        }

        Option<Long> integer(String key) {
            return get(key).filter(BInt.class::isInstance).map(value -> ((BInt) value).value());
        }

        Option<BBytes> bytes(String key) {
            return get(key).filter(BBytes.class::isInstance).map(BBytes.class::cast);
        }

        Option<String> text(String key) {
            return bytes(key).map(BBytes::text);
        }

        @Override
        public String describe() {
            return "a dictionary";
        }
    }
}
