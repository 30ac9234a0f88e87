package dev.peerscout.bencode;

/**
 * Input that is not valid bencoding, is beyond a decoder's limits, or a value that cannot be used
 * as asked (an integer beyond 64 bits). {@link #getMessage()} is one line for people and names the
 * byte offset; {@link #problem()} and the fields below let a caller word it its own way.
 */
public final class BencodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that word their own messages. */
    public enum Problem {
        /** The input ended where a value, or the rest of a list or dictionary, was expected. */
        END_OF_INPUT,
        /** A byte that cannot start a value here (see {@link #found()}). */
        UNEXPECTED_BYTE,
        /** A dictionary key that is an integer, a list or a dictionary. */
        KEY_NOT_STRING,
        /** A dictionary that closes after a key and before its value. */
        KEY_WITHOUT_VALUE,
        /** An integer that is not {@code i} [{@code -}] digits {@code e}, or that ends with the input. */
        MALFORMED_INTEGER,
        /** A string length not followed by {@code :}, or that ends with the input. */
        MALFORMED_STRING_LENGTH,
        /** A string whose length claims more bytes than remain (see {@link #claimedLength()}). */
        STRING_PAST_END,
        /** Nesting deeper than the decoder's limit. */
        TOO_DEEP,
        /** More lists and dictionaries than the decoder's limit. */
        TOO_MANY_CONTAINERS,
        /** A value longer than the decoder's size limit. */
        TOO_LARGE,
        /** An integer read as a {@code long} that does not fit in 64 bits. */
        INTEGER_BEYOND_64_BITS
    }

    private final Problem problem;
    private final int offset;
    private final int valueStart;
    private final int openContainers;
    private final byte found;
    private final long claimedLength;
    private final int bytesLeft;

    private BencodeException(
            Problem problem,
            int offset,
            int valueStart,
            int openContainers,
            byte found,
            long claimedLength,
            int bytesLeft,
            String message) {
        // No stack trace: this is an expected outcome for bad input, not a bug.
        super(message, null, false, false);
        this.problem = problem;
        this.offset = offset;
        this.valueStart = valueStart;
        this.openContainers = openContainers;
        this.found = found;
        this.claimedLength = claimedLength;
        this.bytesLeft = bytesLeft;
    }

    static BencodeException invalid(Problem problem, int offset, int valueStart, int openContainers, String detail) {
        return new BencodeException(
                problem,
                offset,
                valueStart,
                openContainers,
                (byte) 0,
                0,
                0,
                "invalid bencoding at byte " + offset + ": " + detail);
    }

    static BencodeException unexpected(int offset, int openContainers, byte found, String detail) {
        return new BencodeException(
                Problem.UNEXPECTED_BYTE,
                offset,
                offset,
                openContainers,
                found,
                0,
                0,
                "invalid bencoding at byte " + offset + ": " + detail);
    }

    static BencodeException pastEnd(
            int valueStart, int openContainers, long claimedLength, int bytesLeft, String detail) {
        return new BencodeException(
                Problem.STRING_PAST_END,
                valueStart,
                valueStart,
                openContainers,
                (byte) 0,
                claimedLength,
                bytesLeft,
                "invalid bencoding at byte " + valueStart + ": " + detail);
    }

    /** A limit reached; the message is the whole sentence. */
    static BencodeException limit(Problem problem, int offset, int openContainers, String message) {
        return new BencodeException(problem, offset, offset, openContainers, (byte) 0, 0, 0, message);
    }

    public Problem problem() {
        return problem;
    }

    /** Where in the input the problem was found. */
    public int offset() {
        return offset;
    }

    /** Where the value being read when the problem was found starts (an integer's {@code i}, a string's first digit). */
    public int valueStart() {
        return valueStart;
    }

    /** How many lists and dictionaries were open when the problem was found. */
    public int openContainers() {
        return openContainers;
    }

    /** The byte at {@link #offset()}, for {@link Problem#UNEXPECTED_BYTE}. */
    public byte found() {
        return found;
    }

    /** For {@link Problem#STRING_PAST_END}: the length claimed, saturated at {@code Long.MAX_VALUE}. */
    public long claimedLength() {
        return claimedLength;
    }

    /** For {@link Problem#STRING_PAST_END}: how many bytes followed the {@code :}. */
    public int bytesLeft() {
        return bytesLeft;
    }
}
