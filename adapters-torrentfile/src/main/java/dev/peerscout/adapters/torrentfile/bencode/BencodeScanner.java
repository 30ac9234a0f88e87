package dev.peerscout.adapters.torrentfile.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks that a {@code byte[]} holds one well-formed bencoded value and indexes its containers,
 * in a single iterative pass (no recursion: a crafted file nested a million levels deep must
 * not overflow the stack).
 *
 * <p>Bounds: nesting deeper than {@code maxDepth} and more than {@code maxContainers} lists and
 * dictionaries are rejected; a string whose length prefix claims more bytes than remain is
 * rejected before anything is allocated for it.
 *
 * <p>Lenient like libtorrent, strict only about grammar: unsorted or duplicate dictionary keys,
 * leading zeros, {@code i-0e} and bytes after the top-level value are accepted here.
 * {@link CanonicalBencode} reports such findings, and {@link BencodeDocument#trailingBytes()}
 * says how much follows the value. Integers are checked for syntax only; whether one fits in 64
 * bits is decided when it is read ({@link BencodeNode#longValue()}).
 *
 * <p>Why not bencode-java (com.dampcake:bencode), the library this module was planned around: it
 * gives no byte offsets (the info hash needs the raw span), re-sorts and merges dictionary keys,
 * recurses once per nesting level, and allocates a string's claimed length before reading it. So
 * this scanner is the single decoder for untrusted input; bencode-java serves the tests, as a
 * second, independent decoder and as the encoder of test torrents.
 */
public final class BencodeScanner {
    private final int maxDepth;
    private final int maxContainers;

    public BencodeScanner(int maxDepth, int maxContainers) {
        if (maxDepth < 1 || maxContainers < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxDepth = maxDepth;
        this.maxContainers = maxContainers;
    }

    /**
     * Scans {@code input}, which the returned document keeps (it is not copied).
     *
     * @throws BencodeException if the input is not one well-formed value within the limits
     */
    public BencodeDocument scan(byte[] input) {
        return scan(input, 0);
    }

    /**
     * Scans the one value that starts at {@code start}; the bytes after it are the document's
     * trailing bytes. {@link BencodeInput} uses it to read a value of a scanned input again.
     */
    BencodeDocument scan(byte[] input, int start) {
        ContainerIndex index = new ContainerIndex(maxContainers);
        OpenContainers open = new OpenContainers(Math.min(maxDepth, 32));
        int n = input.length;
        int pos = start;
        while (true) {
            if (pos >= n) {
                throw open.depth == 0
                        ? BencodeException.invalid(pos, "unexpected end of input, expected a value")
                        : BencodeException.invalid(pos, "unexpected end of input: the "
                                + (open.isDict() ? "dictionary" : "list") + " opened at byte "
                                + open.start() + " is not closed");
            }
            byte b = input[pos];
            if (open.depth > 0 && b == 'e') {
                if (open.isDict() && !open.expectsKey()) {
                    throw BencodeException.invalid(pos, "dictionary key has no value");
                }
                index.close(open.ordinal(), pos + 1);
                open.pop();
                pos++;
            } else if (b == 'l' || b == 'd') {
                if (open.isDict() && open.expectsKey()) {
                    throw keyNotString(pos, b);
                }
                if (open.depth == maxDepth) {
                    throw new BencodeException(pos, "nesting deeper than " + maxDepth + " (at byte " + pos + ")");
                }
                open.push(index.open(pos), pos, b == 'd');
                pos++;
                continue; // the value is complete only when it closes
            } else if (b == 'i') {
                if (open.isDict() && open.expectsKey()) {
                    throw keyNotString(pos, b);
                }
                pos = skipInteger(input, pos);
            } else if (isDigit(b)) {
                pos = skipString(input, pos);
            } else {
                throw BencodeException.invalid(pos, "unexpected " + describe(b) + ", expected a value");
            }
            // A value just ended: the top-level one, or a key or value inside the open container.
            if (open.depth == 0) {
                return new BencodeDocument(input, start, pos, index);
            }
            open.valueDone();
        }
    }

    private static int skipInteger(byte[] input, int start) {
        int n = input.length;
        int p = start + 1;
        if (p < n && input[p] == '-') {
            p++;
        }
        if (p >= n) {
            throw BencodeException.invalid(p, "unexpected end of input in integer");
        }
        if (!isDigit(input[p])) {
            throw BencodeException.invalid(p, "expected a digit in integer, found " + describe(input[p]));
        }
        while (p < n && isDigit(input[p])) {
            p++;
        }
        if (p >= n) {
            throw BencodeException.invalid(p, "unexpected end of input in integer (missing 'e')");
        }
        if (input[p] != 'e') {
            throw BencodeException.invalid(p, "expected 'e' to end the integer, found " + describe(input[p]));
        }
        return p + 1;
    }

    private static int skipString(byte[] input, int start) {
        int n = input.length;
        int p = start;
        long length = 0;
        // Saturate once past the input size: the claim is reported, never allocated or overflowed.
        while (p < n && isDigit(input[p])) {
            if (length <= n) {
                length = length * 10 + (input[p] - '0');
            }
            p++;
        }
        if (p >= n) {
            throw BencodeException.invalid(p, "unexpected end of input in string length");
        }
        if (input[p] != ':') {
            throw BencodeException.invalid(p, "expected ':' after string length, found " + describe(input[p]));
        }
        int contentStart = p + 1;
        int remaining = n - contentStart;
        if (length > remaining) {
            throw BencodeException.invalid(start, "string length " + digits(input, start, p)
                    + " runs past the end of the input (" + remaining + " bytes left)");
        }
        return contentStart + (int) length;
    }

    private static BencodeException keyNotString(int pos, byte b) {
        return BencodeException.invalid(pos, "dictionary key must be a string, found " + describe(b));
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String digits(byte[] input, int from, int to) {
        int shown = Math.min(to - from, 24);
        String text = new String(input, from, shown, StandardCharsets.US_ASCII);
        return shown < to - from ? text + "..." : text;
    }

    /** A byte for messages: {@code 'x'} when printable ASCII, else {@code byte 0x8f}. */
    static String describe(byte b) {
        int u = Byte.toUnsignedInt(b);
        return u >= 0x21 && u < 0x7f ? "'" + (char) u + "'" : String.format("byte 0x%02x", u);
    }

    /** The stack of lists and dictionaries still open, as parallel arrays grown on demand. */
    private static final class OpenContainers {
        int depth;
        private int[] ordinals;
        private int[] starts;
        private boolean[] dicts;
        private boolean[] expectKey;

        OpenContainers(int initialCapacity) {
            int capacity = initialCapacity + 1;
            ordinals = new int[capacity];
            starts = new int[capacity];
            dicts = new boolean[capacity];
            expectKey = new boolean[capacity];
        }

        void push(int ordinal, int start, boolean dict) {
            depth++;
            if (depth == ordinals.length) {
                int grown = ordinals.length * 2;
                ordinals = Arrays.copyOf(ordinals, grown);
                starts = Arrays.copyOf(starts, grown);
                dicts = Arrays.copyOf(dicts, grown);
                expectKey = Arrays.copyOf(expectKey, grown);
            }
            ordinals[depth] = ordinal;
            starts[depth] = start;
            dicts[depth] = dict;
            expectKey[depth] = true;
        }

        void pop() {
            depth--;
        }

        /** After a key the dictionary expects its value, after a value the next key. */
        void valueDone() {
            if (dicts[depth]) {
                expectKey[depth] = !expectKey[depth];
            }
        }

        boolean isDict() {
            return depth > 0 && dicts[depth];
        }

        boolean expectsKey() {
            return expectKey[depth];
        }

        int ordinal() {
            return ordinals[depth];
        }

        int start() {
            return starts[depth];
        }
    }
}
