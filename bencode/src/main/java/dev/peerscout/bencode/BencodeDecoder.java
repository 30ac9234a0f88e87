package dev.peerscout.bencode;

import dev.peerscout.bencode.BencodeException.Problem;
import java.nio.charset.StandardCharsets;

/**
 * Checks that bytes hold one well-formed bencoded value and indexes its containers, in a single
 * iterative pass (no recursion: input nested a million levels deep must not overflow the stack).
 * The result, a {@link BencodeDocument}, reads values in place and knows each one's byte span.
 *
 * <p>Bounds, set per decoder: nesting deeper than {@code maxDepth}, more than
 * {@code maxContainers} lists and dictionaries (the index costs 8 bytes each) and a value longer
 * than {@code maxBytes} are refused; a string whose length claims more bytes than remain is
 * refused before anything is allocated for it.
 *
 * <p>Lenient like libtorrent, strict only about grammar: unsorted or duplicate dictionary keys,
 * leading zeros, {@code i-0e} and bytes after the value are accepted here. The same pass notes the
 * first such departures from canonical form, which {@link CanonicalBencode} reports, and
 * {@link BencodeDocument#end()} says where the value ended, so a message may carry raw bytes after
 * its dictionary (BEP 9). Integers are checked for syntax only; whether one fits in 64 bits is
 * decided when it is read ({@link BencodeNode#longValue()}, {@link BencodeNode#toValue()}).
 *
 * <p>Why not bencode-java (com.dampcake): it gives no byte offsets (an info hash needs the raw
 * span), re-sorts and merges dictionary keys, recurses once per nesting level and allocates a
 * string's claimed length before reading it.
 */
public final class BencodeDecoder {
    private final int maxDepth;
    private final int maxContainers;
    private final int maxBytes;

    /**
     * @param maxDepth      deepest nesting accepted (libtorrent: 100)
     * @param maxContainers most lists and dictionaries in one value
     * @param maxBytes      longest value accepted, in bytes
     */
    public BencodeDecoder(int maxDepth, int maxContainers, int maxBytes) {
        if (maxDepth < 1 || maxContainers < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxDepth = maxDepth;
        this.maxContainers = maxContainers;
        this.maxBytes = maxBytes;
    }

    /** A decoder with limits on depth and containers and none on size (the caller bounds its input). */
    public BencodeDecoder(int maxDepth, int maxContainers) {
        this(maxDepth, maxContainers, Integer.MAX_VALUE);
    }

    /**
     * Decodes the value at the start of {@code input}, which the returned document keeps (it is
     * not copied, and must not change). Bytes after the value are not read; see
     * {@link BencodeDocument#trailingBytes()}.
     *
     * @throws BencodeException if the input does not start with one well-formed value within the limits
     */
    public BencodeDocument decode(byte[] input) {
        return decode(input, 0, input.length);
    }

    /**
     * Decodes the value that starts at {@code from}, reading no byte at or after {@code to}: the
     * bencoded prefix of {@code input[from, to)}. {@link BencodeDocument#end()} says where it
     * ended, so whatever follows (BEP 9 metadata after its dictionary) is the caller's.
     *
     * @throws BencodeException if {@code input[from, to)} does not start with one well-formed
     *     value within the limits
     */
    public BencodeDocument decode(byte[] input, int from, int to) {
        if (from < 0 || to > input.length || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside an array of " + input.length);
        }
        int limit = (int) Math.min(to, (long) from + maxBytes);
        try {
            return scan(input, from, limit, to);
        } catch (BencodeException e) {
            if (limit < to && ranIntoLimit(e, limit)) {
                throw BencodeException.limit(
                        Problem.TOO_LARGE,
                        limit,
                        e.openContainers(),
                        "bencoded value larger than " + maxBytes + " bytes (at byte " + from + ")");
            }
            throw e;
        }
    }

    /** Whether the value failed only because the size limit cut it short. */
    private static boolean ranIntoLimit(BencodeException e, int limit) {
        return e.problem() == Problem.STRING_PAST_END
                || e.offset() >= limit
                        && (e.problem() == Problem.END_OF_INPUT
                                || e.problem() == Problem.MALFORMED_INTEGER
                                || e.problem() == Problem.MALFORMED_STRING_LENGTH);
    }

    private BencodeDocument scan(byte[] input, int start, int n, int to) {
        ContainerIndex index = new ContainerIndex();
        NonCanonicalFindings findings = new NonCanonicalFindings();
        // Small at first: a list of a million files is read again one entry (two levels) at a time.
        OpenContainers open = new OpenContainers(Math.min(maxDepth, 4));
        int pos = start;
        do {
            pos = step(input, pos, n, open, index, findings);
        } while (open.depth > 0);
        return new BencodeDocument(input, start, pos, to, index, findings);
    }

    /**
     * Reads one token at {@code pos}: opens or closes a container, or reads a string or integer;
     * returns where the next token starts. A method of its own because the launcher's C1-only JVM
     * compiles a loop run in one call only after some 60,000 turns: a torrent of 50,000 files
     * would be scanned mostly by the interpreter, while this method is compiled after a few
     * hundred tokens.
     */
    private int step(
            byte[] input, int pos, int n, OpenContainers open, ContainerIndex index, NonCanonicalFindings findings) {
        if (pos >= n) {
            throw open.depth == 0
                    ? BencodeException.invalid(
                            Problem.END_OF_INPUT, pos, pos, 0, "unexpected end of input, expected a value")
                    : BencodeException.invalid(
                            Problem.END_OF_INPUT,
                            pos,
                            open.start(),
                            open.depth,
                            "unexpected end of input: the " + (open.isDict() ? "dictionary" : "list")
                                    + " opened at byte " + open.start() + " is not closed");
        }
        byte b = input[pos];
        if (open.depth > 0 && b == 'e') {
            if (open.isDict() && !open.expectsKey()) {
                throw BencodeException.invalid(
                        Problem.KEY_WITHOUT_VALUE, pos, pos, open.depth, "dictionary key has no value");
            }
            index.close(open.ordinal(), pos + 1);
            open.pop();
            pos++;
        } else if (b == 'l' || b == 'd') {
            if (open.isDict() && open.expectsKey()) {
                throw keyNotString(pos, b, open.depth);
            }
            if (open.depth == maxDepth) {
                throw BencodeException.limit(
                        Problem.TOO_DEEP,
                        pos,
                        open.depth,
                        "nesting deeper than " + maxDepth + " (at byte " + pos + ")");
            }
            if (index.count() == maxContainers) {
                throw BencodeException.limit(
                        Problem.TOO_MANY_CONTAINERS,
                        pos,
                        open.depth,
                        "invalid bencoding at byte " + pos + ": more than " + maxContainers
                                + " lists and dictionaries");
            }
            open.push(index.open(), pos, b == 'd');
            return pos + 1; // the value is complete only when it closes
        } else if (b == 'i') {
            if (open.isDict() && open.expectsKey()) {
                throw keyNotString(pos, b, open.depth);
            }
            int end = skipInteger(input, pos, n, open.depth);
            String problem = CanonicalBencode.integerProblem(input, pos);
            if (problem != null) {
                findings.add(pos, problem);
            }
            pos = end;
        } else if (isDigit(b)) {
            int end = skipString(input, pos, n, open.depth);
            if (open.isDict() && open.expectsKey()) {
                checkKeyOrder(input, pos, end, open, findings);
            }
            String problem = CanonicalBencode.lengthProblem(input, pos);
            if (problem != null) {
                findings.add(pos, problem);
            }
            pos = end;
        } else {
            throw BencodeException.unexpected(pos, open.depth, b, "unexpected " + describe(b) + ", expected a value");
        }
        // A value just ended: the top-level one, or a key or value inside the open container.
        if (open.depth > 0) {
            open.valueDone();
        }
        return pos;
    }

    /**
     * The canonical-form check of key order, made in this pass so that no second walk is needed
     * ({@link CanonicalBencode}): the key at {@code start} (ending at {@code end}) against the
     * dictionary's previous key.
     */
    private static void checkKeyOrder(
            byte[] input, int start, int end, OpenContainers open, NonCanonicalFindings findings) {
        int keyStart = start;
        while (input[keyStart] != ':') {
            keyStart++;
        }
        keyStart++;
        int beforeStart = open.previousKeyStart();
        int beforeEnd = open.previousKeyEnd();
        open.keyRead(keyStart, end);
        if (beforeStart >= 0) {
            String problem = CanonicalBencode.keyOrderProblem(input, start, beforeStart, beforeEnd, keyStart, end);
            if (problem != null) {
                findings.add(open.start(), start, problem);
            }
        }
    }

    private static int skipInteger(byte[] input, int start, int n, int depth) {
        int p = start + 1;
        if (p < n && input[p] == '-') {
            p++;
        }
        if (p >= n) {
            throw BencodeException.invalid(
                    Problem.MALFORMED_INTEGER, p, start, depth, "unexpected end of input in integer");
        }
        if (!isDigit(input[p])) {
            throw BencodeException.invalid(
                    Problem.MALFORMED_INTEGER,
                    p,
                    start,
                    depth,
                    "expected a digit in integer, found " + describe(input[p]));
        }
        while (p < n && isDigit(input[p])) {
            p++;
        }
        if (p >= n) {
            throw BencodeException.invalid(
                    Problem.MALFORMED_INTEGER, p, start, depth, "unexpected end of input in integer (missing 'e')");
        }
        if (input[p] != 'e') {
            throw BencodeException.invalid(
                    Problem.MALFORMED_INTEGER,
                    p,
                    start,
                    depth,
                    "expected 'e' to end the integer, found " + describe(input[p]));
        }
        return p + 1;
    }

    private static int skipString(byte[] input, int start, int n, int depth) {
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
            throw BencodeException.invalid(
                    Problem.MALFORMED_STRING_LENGTH, p, start, depth, "unexpected end of input in string length");
        }
        if (input[p] != ':') {
            throw BencodeException.invalid(
                    Problem.MALFORMED_STRING_LENGTH,
                    p,
                    start,
                    depth,
                    "expected ':' after string length, found " + describe(input[p]));
        }
        int contentStart = p + 1;
        int remaining = n - contentStart;
        if (length > remaining) {
            throw BencodeException.pastEnd(
                    start,
                    depth,
                    claimed(input, start, p),
                    remaining,
                    "string length " + digits(input, start, p) + " runs past the end of the input (" + remaining
                            + " bytes left)");
        }
        return contentStart + (int) length;
    }

    /** The claimed length in full, saturated at {@code Long.MAX_VALUE}: only for the message of a refusal. */
    private static long claimed(byte[] input, int from, int to) {
        long length = 0;
        for (int p = from; p < to; p++) {
            int digit = input[p] - '0';
            if (length > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            length = length * 10 + digit;
        }
        return length;
    }

    private static BencodeException keyNotString(int pos, byte b, int depth) {
        return BencodeException.invalid(
                Problem.KEY_NOT_STRING, pos, pos, depth, "dictionary key must be a string, found " + describe(b));
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
    public static String describe(byte b) {
        int u = Byte.toUnsignedInt(b);
        return u >= 0x21 && u < 0x7f ? "'" + (char) u + "'" : String.format("byte 0x%02x", u);
    }
}
