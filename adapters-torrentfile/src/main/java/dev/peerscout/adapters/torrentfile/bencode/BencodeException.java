package dev.peerscout.adapters.torrentfile.bencode;

/**
 * Input that is not valid bencoding, or a value that cannot be used as asked (an integer beyond
 * 64 bits). The message is one line for people and names the byte offset.
 */
public final class BencodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    BencodeException(int offset, String message) {
        // No stack trace: this is an expected outcome for bad input, not a bug.
        super(message, null, false, false);
        this.offset = offset;
    }

    static BencodeException invalid(int offset, String detail) {
        return new BencodeException(offset, "invalid bencoding at byte " + offset + ": " + detail);
    }

    /** Where in the input the problem was found. */
    public int offset() {
        return offset;
    }
}
