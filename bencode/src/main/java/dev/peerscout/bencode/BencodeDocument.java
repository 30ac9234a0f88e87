package dev.peerscout.bencode;

import java.util.Arrays;
import java.util.Optional;

/**
 * Bencoded input that {@link BencodeDecoder} found well-formed, with an index of its containers.
 * Values are read in place through {@link BencodeNode}s: nothing is decoded until asked for, and
 * every node knows its raw byte span.
 */
public final class BencodeDocument {
    final byte[] input;
    private final int rootStart;
    private final int rootEnd;
    private final int inputEnd;
    private final ContainerIndex containers;
    private final NonCanonicalFindings nonCanonical;

    BencodeDocument(
            byte[] input,
            int rootStart,
            int rootEnd,
            int inputEnd,
            ContainerIndex containers,
            NonCanonicalFindings nonCanonical) {
        this.input = input;
        this.rootStart = rootStart;
        this.rootEnd = rootEnd;
        this.inputEnd = inputEnd;
        this.containers = containers;
        this.nonCanonical = nonCanonical;
    }

    /** The top-level value. */
    public BencodeNode root() {
        return BencodeNode.root(this, rootStart);
    }

    /** Where the top-level value ends in the input (exclusive): where a message's raw bytes begin. */
    public int end() {
        return rootEnd;
    }

    /** How many bytes of the decoded range follow the top-level value (they are not part of it). */
    public int trailingBytes() {
        return inputEnd - rootEnd;
    }

    /** How many lists and dictionaries the input holds. */
    public int containerCount() {
        return containers.count();
    }

    /**
     * The scan's first departure from canonical form in the value spanning {@code [from, to)}, or
     * {@code null} when its kept findings cannot tell (see {@link NonCanonicalFindings#firstIn}).
     */
    Optional<String> firstNonCanonical(int from, int to) {
        return nonCanonical.firstIn(from, to);
    }

    boolean isContainer(int offset) {
        return input[offset] == 'l' || input[offset] == 'd';
    }

    /**
     * The end (exclusive) of the value at {@code offset}; {@code ordinal} is its container ordinal
     * when it is a list or dictionary. The scan guarantees the value is well-formed.
     */
    int endOf(int offset, int ordinal) {
        byte b = input[offset];
        if (b == 'l' || b == 'd') {
            return containers.end(ordinal);
        }
        if (b == 'i') {
            int p = offset + 1;
            while (input[p] != 'e') {
                p++;
            }
            return p + 1;
        }
        return stringContentStart(offset) + stringLength(offset);
    }

    int nextOrdinal(int ordinal) {
        return containers.nextOrdinal(ordinal);
    }

    int stringContentStart(int offset) {
        int p = offset;
        while (input[p] != ':') {
            p++;
        }
        return p + 1;
    }

    /** The scan checked that the length fits the input, so it fits an int and cannot overflow here. */
    int stringLength(int offset) {
        int length = 0;
        for (int p = offset; input[p] != ':'; p++) {
            length = length * 10 + (input[p] - '0');
        }
        return length;
    }

    /** Whether the string at {@code stringOffset} is {@code ascii}, compared in place. */
    boolean stringEquals(int stringOffset, String ascii) {
        return stringEquals(stringContentStart(stringOffset), stringLength(stringOffset), ascii);
    }

    /** Whether the {@code length} bytes at {@code start} are {@code ascii}. */
    boolean stringEquals(int start, int length, String ascii) {
        if (length != ascii.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = ascii.charAt(i);
            // Only ASCII can match: a char above 0x7f is not one byte in UTF-8, whatever Latin-1 says.
            if (c > 0x7f || (input[start + i] & 0xff) != c) {
                return false;
            }
        }
        return true;
    }

    /** Whether the string at {@code stringOffset} has the bytes {@code key}, compared in place. */
    boolean stringEquals(int stringOffset, byte[] key) {
        int start = stringContentStart(stringOffset);
        return Arrays.equals(input, start, start + stringLength(stringOffset), key, 0, key.length);
    }

    /**
     * The integer at {@code offset}, read in place; accumulates negatively so that
     * {@code Long.MIN_VALUE} fits.
     *
     * @throws ArithmeticException if it does not fit in 64 bits
     */
    long integerAt(int offset) {
        int p = offset + 1;
        boolean negative = input[p] == '-';
        if (negative) {
            p++;
        }
        long value = 0;
        // 18 digits cannot overflow, so they need no checked arithmetic (not intrinsic in C1).
        for (int unchecked = p + 18; p < unchecked && input[p] != 'e'; p++) {
            value = value * 10 - (input[p] - '0');
        }
        for (; input[p] != 'e'; p++) {
            value = Math.subtractExact(Math.multiplyExact(value, 10), input[p] - '0');
        }
        return negative ? value : Math.negateExact(value);
    }

    /** Whether the integer at {@code offset} is zero in any spelling ({@code i0e}, {@code i-0e}, {@code i00e}). */
    boolean isZeroInteger(int offset) {
        for (int p = offset + 1; input[p] != 'e'; p++) {
            if (input[p] != '0' && input[p] != '-') {
                return false;
            }
        }
        return true;
    }
}
