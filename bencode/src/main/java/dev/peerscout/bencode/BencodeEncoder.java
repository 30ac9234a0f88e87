package dev.peerscout.bencode;

import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BValue.BInt;
import dev.peerscout.bencode.BValue.BList;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes canonical bencoding (BEP 3): dictionary keys in unsigned byte order, integers and
 * lengths in plain decimal. Iterative, so a value's depth costs no thread stack. Decoding the
 * output with {@link BencodeDecoder} gives the value back, and {@link CanonicalBencode} finds
 * nothing to report in it.
 */
public final class BencodeEncoder {
    private BencodeEncoder() {}

    public static byte[] encode(BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        encode(value, out);
        return out.toByteArray();
    }

    /** Appends the encoding of {@code value} to {@code out}. */
    public static void encode(BValue value, ByteArrayOutputStream out) {
        // Each open list or dictionary is an iterator over what it still has to write; a
        // dictionary's iterator yields key and value alternately, keys sorted.
        Deque<Iterator<BValue>> open = new ArrayDeque<>();
        BValue next = value;
        while (true) {
            if (next != null) {
                if (next instanceof BInt integer) {
                    ascii(out, "i" + integer.value() + "e");
                } else if (next instanceof BBytes bytes) {
                    writeBytes(bytes, out);
                } else if (next instanceof BList list) {
                    out.write('l');
                    open.push(list.items().iterator());
                } else {
                    out.write('d');
                    open.push(sortedKeysAndValues((BDict) next));
                }
            }
            if (open.isEmpty()) {
                return;
            }
            Iterator<BValue> top = open.peek();
            if (top.hasNext()) {
                next = top.next();
            } else {
                out.write('e');
                open.pop();
                next = null;
            }
        }
    }

    private static Iterator<BValue> sortedKeysAndValues(BDict dict) {
        List<Map.Entry<BBytes, BValue>> entries = new ArrayList<>(dict.entries().entrySet());
        entries.sort(Map.Entry.comparingByKey());
        List<BValue> flat = new ArrayList<>(entries.size() * 2);
        for (Map.Entry<BBytes, BValue> entry : entries) {
            flat.add(entry.getKey());
            flat.add(entry.getValue());
        }
        return flat.iterator();
    }

    private static void writeBytes(BBytes bytes, ByteArrayOutputStream out) {
        ascii(out, bytes.length() + ":");
        out.writeBytes(bytes.toBytes());
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
