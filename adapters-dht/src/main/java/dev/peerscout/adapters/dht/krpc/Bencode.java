package dev.peerscout.adapters.dht.krpc;

import dev.peerscout.adapters.dht.krpc.BValue.BBytes;
import dev.peerscout.adapters.dht.krpc.BValue.BDict;
import dev.peerscout.adapters.dht.krpc.BValue.BInt;
import dev.peerscout.adapters.dht.krpc.BValue.BList;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencode for KRPC datagrams. The decoder is iterative (an explicit stack, so hostile nesting cannot
 * overflow the thread's stack), refuses input over {@link #MAX_MESSAGE} bytes and nesting over
 * {@link #MAX_DEPTH}, and never allocates more for a string than the bytes actually present. It is
 * lenient where nodes are sloppy but unambiguous (unsorted or duplicate keys, non-canonical
 * numbers, trailing bytes). The encoder writes canonical form: dictionary keys in unsigned byte order.
 */
public final class Bencode {
    /** Larger than any UDP payload (65,507 bytes over IPv4). */
    public static final int MAX_MESSAGE = 64 * 1024;
    /** KRPC needs three levels (message, arguments, a list of values); anything far deeper is hostile. */
    public static final int MAX_DEPTH = 16;

    private final byte[] input;
    private final int end;
    private int position;

    private Bencode(byte[] input, int length) {
        this.input = input;
        this.end = length;
    }

    /** Decodes the value at the start of {@code input[0, length)}; bytes after it are ignored. */
    public static Either<String, BValue> decode(byte[] input, int length) {
        if (length < 0 || length > input.length) {
            throw new IllegalArgumentException("length " + length + " outside the array");
        }
        if (length > MAX_MESSAGE) {
            return Either.left("message of " + length + " bytes exceeds " + MAX_MESSAGE);
        }
        try {
            return Either.right(new Bencode(input, length).value());
        } catch (SyntaxError e) {
            return Either.left(e.getMessage());
        }
    }

    public static Either<String, BValue> decode(byte[] input) {
        return decode(input, input.length);
    }

    /** Canonical bencoding of a value we built (our own messages are a few levels deep at most). */
    public static byte[] encode(BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        write(value, out, 0);
        return out.toByteArray();
    }

    private static void write(BValue value, ByteArrayOutputStream out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof BInt integer) {
            ascii(out, "i" + integer.value() + "e");
        } else if (value instanceof BBytes bytes) {
            writeBytes(bytes, out);
        } else if (value instanceof BList list) {
            out.write('l');
            list.items().forEach(item -> write(item, out, depth + 1));
            out.write('e');
        } else {
            out.write('d');
            Map<BBytes, BValue> sorted = new TreeMap<>();
            sorted.putAll(((BDict) value).entries());
            sorted.forEach((key, item) -> {
                writeBytes(key, out);
                write(item, out, depth + 1);
            });
            out.write('e');
        }
    }

    private static void writeBytes(BBytes bytes, ByteArrayOutputStream out) {
        ascii(out, bytes.length() + ":");
        out.writeBytes(bytes.toBytes());
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A container being filled. A dictionary alternates between expecting a key and its value. */
    private static final class Open {
        final List<BValue> list;
        final Map<BBytes, BValue> dict;
        BBytes pendingKey;

        private Open(List<BValue> list, Map<BBytes, BValue> dict) {
            this.list = list;
            this.dict = dict;
        }

        boolean expectsKey() {
            return dict != null && pendingKey == null;
        }

        BValue close() {
            return list != null ? new BList(list) : new BDict(dict);
        }
    }

    private BValue value() throws SyntaxError {
        Deque<Open> open = new ArrayDeque<>();
        while (true) {
            if (position >= end) {
                throw new SyntaxError(open.isEmpty() ? "empty message" : "message ends inside a container");
            }
            Open top = open.peek();
            int start = position;
            int next = input[position] & 0xFF;
            if (top != null && top.expectsKey() && next != 'e' && !isDigit(next)) {
                throw new SyntaxError("dictionary key is not a byte string at byte " + start);
            }
            BValue done;
            if (next == 'i') {
                done = integer();
            } else if (isDigit(next)) {
                done = string();
            } else if (next == 'l' || next == 'd') {
                if (open.size() >= MAX_DEPTH) {
                    throw new SyntaxError("nesting deeper than " + MAX_DEPTH + " levels at byte " + start);
                }
                position++;
                open.push(next == 'l' ? new Open(new ArrayList<>(), null) : new Open(null, new LinkedHashMap<>()));
                continue;
            } else if (next == 'e' && top != null) {
                if (top.pendingKey != null) {
                    throw new SyntaxError("dictionary key without a value at byte " + start);
                }
                position++;
                done = open.pop().close();
            } else {
                throw new SyntaxError(String.format("unexpected byte 0x%02x at byte %d", next, start));
            }
            Open parent = open.peek();
            if (parent == null) {
                return done;
            }
            if (parent.list != null) {
                parent.list.add(done);
            } else if (parent.pendingKey == null) {
                parent.pendingKey = (BBytes) done;
            } else {
                parent.dict.put(parent.pendingKey, done);
                parent.pendingKey = null;
            }
        }
    }

    private BInt integer() throws SyntaxError {
        int start = position++;
        boolean negative = position < end && input[position] == '-';
        if (negative) {
            position++;
        }
        int digitsStart = position;
        long magnitude = 0;
        while (position < end && isDigit(input[position])) {
            int digit = input[position++] - '0';
            // Accumulate negatively so that Long.MIN_VALUE fits too.
            if (magnitude < (Long.MIN_VALUE + digit) / 10) {
                throw new SyntaxError("integer beyond 64 bits at byte " + start);
            }
            magnitude = magnitude * 10 - digit;
        }
        if (position == digitsStart || position >= end || input[position] != 'e') {
            throw new SyntaxError("malformed integer at byte " + start);
        }
        position++;
        if (!negative && magnitude == Long.MIN_VALUE) {
            throw new SyntaxError("integer beyond 64 bits at byte " + start);
        }
        return new BInt(negative ? magnitude : -magnitude);
    }

    private BBytes string() throws SyntaxError {
        int start = position;
        long length = 0;
        while (position < end && isDigit(input[position])) {
            // Saturate: any length beyond the input is refused below, before anything is allocated.
            length = Math.min(length * 10 + (input[position++] - '0'), MAX_MESSAGE + 1L);
        }
        if (position >= end || input[position] != ':') {
            throw new SyntaxError("string length without ':' at byte " + start);
        }
        position++;
        int remaining = end - position;
        if (length > remaining) {
            throw new SyntaxError("string at byte " + start + " claims " + (length > MAX_MESSAGE
                    ? "more than " + MAX_MESSAGE : String.valueOf(length)) + " bytes but " + remaining + " follow");
        }
        byte[] bytes = Arrays.copyOfRange(input, position, position + (int) length);
        position += (int) length;
        return BBytes.owning(bytes);
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** Unwinds the decoder; its message is the whole diagnosis. */
    private static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }
}
