package dev.peerscout.bencode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a scanned value against BEP 3's canonical form: dictionary keys strictly increasing as
 * unsigned bytes (so no duplicates), no leading zeros in integers or string lengths, no
 * {@code i-0e}. libtorrent demands this inside a v2 info dictionary; elsewhere it is advice.
 * The decoder notes the first departures as it scans ({@link NonCanonicalFindings}), so a value is
 * usually checked without reading it again; a walk over the value (iterative, like the scanner)
 * is left for input whose findings before the value were too many to keep.
 */
public final class CanonicalBencode {
    private CanonicalBencode() {}

    /** The first way {@code value} departs from canonical form, in words, or none. */
    public static Optional<String> firstViolation(BencodeNode value) {
        Optional<String> found = value.document().firstNonCanonical(value.offset(), value.end());
        return found != null ? found : walk(value);
    }

    /** The first violation found by walking {@code value} again: where the scan's findings cannot tell. */
    static Optional<String> walk(BencodeNode value) {
        return new Walk(value).run();
    }

    /** What is wrong with the integer at {@code p} (a leading zero, {@code i-0e}), or null. */
    static String integerProblem(byte[] in, int p) {
        int digits = in[p + 1] == '-' ? p + 2 : p + 1;
        boolean negative = digits == p + 2;
        if (in[digits] == '0' && in[digits + 1] != 'e') {
            return "integer with a leading zero at byte " + p;
        }
        if (negative && in[digits] == '0') {
            return "negative zero at byte " + p;
        }
        return null;
    }

    /** What is wrong with the length of the string at {@code p} (a leading zero), or null. */
    static String lengthProblem(byte[] in, int p) {
        return in[p] == '0' && in[p + 1] != ':' ? "string length with a leading zero at byte " + p : null;
    }

    /**
     * Whether the key at {@code p}, its content at {@code [keyStart, keyEnd)}, sorts strictly after
     * the previous key of its dictionary; a message if not, else null.
     */
    static String keyOrderProblem(byte[] in, int p, int beforeStart, int beforeEnd, int keyStart, int keyEnd) {
        int order = Arrays.compareUnsigned(in, beforeStart, beforeEnd, in, keyStart, keyEnd);
        if (order == 0) {
            return "duplicate dictionary key " + show(in, keyStart, keyEnd) + " at byte " + p;
        }
        return order > 0
                ? "dictionary key " + show(in, keyStart, keyEnd) + " at byte " + p + " is out of order (after "
                        + show(in, beforeStart, beforeEnd) + ")"
                : null;
    }

    private static final class Walk {
        private final byte[] in;
        private final int start;
        private final int end;
        /** One entry per open container; {@code null} for lists. */
        private final List<DictState> open = new ArrayList<>();

        Walk(BencodeNode value) {
            this.in = value.document().input;
            this.start = value.offset();
            this.end = value.end();
        }

        Optional<String> run() {
            int p = start;
            while (p < end) {
                byte b = in[p];
                DictState dict = open.isEmpty() ? null : open.get(open.size() - 1);
                if (b == 'e') {
                    open.remove(open.size() - 1);
                    p++;
                    afterValue();
                    continue;
                }
                if (dict != null && dict.expectKey) {
                    String keyProblem = dict.acceptKey(in, p);
                    if (keyProblem != null) {
                        return Optional.of(keyProblem);
                    }
                }
                if (b == 'l' || b == 'd') {
                    open.add(b == 'd' ? new DictState() : null);
                    p++;
                    continue;
                }
                String problem = b == 'i' ? integerProblem(in, p) : lengthProblem(in, p);
                if (problem != null) {
                    return Optional.of(problem);
                }
                p = skipScalar(p);
                afterValue();
            }
            return Optional.empty();
        }

        private void afterValue() {
            if (!open.isEmpty()) {
                DictState dict = open.get(open.size() - 1);
                if (dict != null) {
                    dict.expectKey = !dict.expectKey;
                }
            }
        }

        private int skipScalar(int p) {
            int q = p;
            if (in[p] == 'i') {
                while (in[q] != 'e') {
                    q++;
                }
                return q + 1;
            }
            int length = 0;
            while (in[q] != ':') {
                length = length * 10 + (in[q] - '0');
                q++;
            }
            return q + 1 + length;
        }
    }

    /** Key order within one dictionary; keys are compared in place, never copied. */
    private static final class DictState {
        boolean expectKey = true;
        private int previousStart = -1;
        private int previousEnd;

        /** Records the key at {@code p}; a message if it does not sort strictly after the previous key. */
        String acceptKey(byte[] in, int p) {
            int length = 0;
            int q = p;
            while (in[q] != ':') {
                length = length * 10 + (in[q] - '0');
                q++;
            }
            int keyStart = q + 1;
            int keyEnd = keyStart + length;
            int beforeStart = previousStart;
            int beforeEnd = previousEnd;
            previousStart = keyStart;
            previousEnd = keyEnd;
            return beforeStart < 0 ? null : keyOrderProblem(in, p, beforeStart, beforeEnd, keyStart, keyEnd);
        }
    }

    /** A key for messages: quoted when printable ASCII, else hex. */
    static String show(byte[] in, int from, int to) {
        for (int p = from; p < to; p++) {
            int u = Byte.toUnsignedInt(in[p]);
            if (u < 0x20 || u >= 0x7f) {
                return "0x" + HexFormat.of().formatHex(in, from, to);
            }
        }
        return "'" + new String(in, from, to - from, StandardCharsets.US_ASCII) + "'";
    }
}
