package dev.peerscout.adapters.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds bencoded test bodies: strings, byte arrays, numbers, lists and dicts (key order as given). */
final class Bencoded {
    private Bencoded() {}

    /** A list whose items are encoded like {@link #of}. */
    static Object list(Object... items) {
        return new ListOf(items);
    }

    /** A dictionary from alternating keys and values, in the given order. */
    static byte[] dict(Object... keysAndValues) {
        return of(new DictOf(keysAndValues));
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] of(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private record ListOf(Object[] items) {}

    private record DictOf(Object[] keysAndValues) {}

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof String text) {
            write(out, text.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] bytes) {
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        } else if (value instanceof Number number) {
            out.writeBytes(("i" + number.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof ListOf list) {
            out.write('l');
            for (Object item : list.items()) {
                write(out, item);
            }
            out.write('e');
        } else if (value instanceof DictOf dict) {
            out.write('d');
            for (Object item : dict.keysAndValues()) {
                write(out, item);
            }
            out.write('e');
        } else if (value instanceof Raw raw) {
            out.writeBytes(raw.bytes());
        } else {
            throw new IllegalArgumentException("cannot bencode " + value);
        }
    }

    /** Already-encoded bytes, inserted as they are (a nested dict from {@link #dict}). */
    record Raw(byte[] bytes) {}

    static Raw raw(byte[] encoded) {
        return new Raw(encoded);
    }
}
