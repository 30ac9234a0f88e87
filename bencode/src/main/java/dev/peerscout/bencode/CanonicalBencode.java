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
 * Iterative, like the scanner.
 */
public final class CanonicalBencode {
    private CanonicalBencode() {}

    /** The first way {@code value} departs from canonical form, in words, or none. */
    public static Optional<String> firstViolation(BencodeNode value) {
        return new Walk(value).run();
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
                String problem = b == 'i' ? integerProblem(p) : lengthProblem(p);
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

        private String integerProblem(int p) {
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

        private String lengthProblem(int p) {
            return in[p] == '0' && in[p + 1] != ':' ? "string length with a leading zero at byte " + p : null;
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
            if (beforeStart < 0) {
                return null;
            }
            int order = Arrays.compareUnsigned(in, beforeStart, beforeEnd, in, keyStart, keyEnd);
            if (order == 0) {
                return "duplicate dictionary key " + show(in, keyStart, keyEnd) + " at byte " + p;
            }
            return order > 0
                    ? "dictionary key " + show(in, keyStart, keyEnd) + " at byte " + p + " is out of order (after "
                            + show(in, beforeStart, beforeEnd) + ")"
                    : null;
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
