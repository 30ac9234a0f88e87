package dev.peerscout.adapters.http;

import dev.peerscout.adapters.http.BValue.BBytes;
import dev.peerscout.adapters.http.BValue.BDict;
import dev.peerscout.adapters.http.BValue.BInt;
import dev.peerscout.adapters.http.BValue.BList;
import io.vavr.control.Either;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small bencode decoder for tracker responses. Iterative (an explicit stack, so hostile nesting
 * cannot overflow the thread's stack), bounded in depth, and it never allocates more for a string
 * than the bytes actually received. Lenient where tracker answers are sloppy but unambiguous:
 * non-canonical integers and lengths, unsorted or duplicate keys, trailing bytes after the value.
 * Integers beyond 64 bits are a clear error: no tracker field needs them.
 */
final class Bencode {
    /** Deepest nesting accepted; libtorrent stops at about the same depth. */
    static final int MAX_DEPTH = 100;

    private final byte[] input;
    private int position;

    private Bencode(byte[] input) {
        this.input = input;
    }

    /** Decodes the first value of {@code input}; bytes after it are ignored. */
    static Either<String, BValue> decode(byte[] input) {
        try {
            return Either.right(new Bencode(input).value());
        } catch (SyntaxError e) {
            return Either.left(e.getMessage());
        }
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

        static Open list() {
            return new Open(new ArrayList<>(), null);
        }

        static Open dict() {
            return new Open(null, new LinkedHashMap<>());
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
            if (position >= input.length) {
                throw new SyntaxError(open.isEmpty() ? "empty input" : "input ends inside "
                        + open.size() + (open.size() == 1 ? " unclosed container" : " unclosed containers"));
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
                open.push(next == 'l' ? Open.list() : Open.dict());
                continue;
            } else if (next == 'e' && top != null) {
                if (top.pendingKey != null) {
                    throw new SyntaxError("dictionary key without a value at byte " + start);
                }
                position++;
                done = open.pop().close();
            } else {
                throw new SyntaxError("unexpected " + describeByte(next) + " at byte " + start);
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
        boolean negative = position < input.length && input[position] == '-';
        if (negative) {
            position++;
        }
        int digitsStart = position;
        long magnitude = 0;
        while (position < input.length && isDigit(input[position])) {
            int digit = input[position++] - '0';
            // Accumulate negatively so that Long.MIN_VALUE fits too.
            if (magnitude < (Long.MIN_VALUE + digit) / 10) {
                throw new SyntaxError("integer beyond 64 bits at byte " + start);
            }
            magnitude = magnitude * 10 - digit;
        }
        if (position == digitsStart || position >= input.length || input[position] != 'e') {
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
        while (position < input.length && isDigit(input[position])) {
            // Saturate instead of overflowing: any length beyond the input is refused below anyway.
            length = Math.min(length * 10 + (input[position++] - '0'), Integer.MAX_VALUE + 1L);
        }
        if (position >= input.length || input[position] != ':') {
            throw new SyntaxError("string length without ':' at byte " + start);
        }
        position++;
        int remaining = input.length - position;
        if (length > remaining) {
            throw new SyntaxError("string at byte " + start + " claims "
                    + (length > Integer.MAX_VALUE ? "more than 2 GiB" : length + " bytes") + " but only "
                    + remaining + " follow");
        }
        byte[] bytes = Arrays.copyOfRange(input, position, position + (int) length);
        position += (int) length;
        return new BBytes(bytes);
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static String describeByte(int b) {
        return b >= 0x21 && b <= 0x7e ? "'" + (char) b + "'" : String.format("byte 0x%02x", b);
    }

    /** Unwinds the decoder; its message is the whole diagnosis. */
    private static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }
}
