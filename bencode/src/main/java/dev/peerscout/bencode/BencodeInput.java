package dev.peerscout.bencode;

/**
 * The bytes of a scanned document without its container index (8 bytes per list and dictionary),
 * from which values can be read again by their {@link BencodeNode#offset()}: a value is scanned
 * anew on each read, with an index of its own. So a reader can hold on to a million values of a
 * large input at the cost of an int each. The input is not copied: it must not change.
 */
public final class BencodeInput {
    /** A value read again was well-formed and within the limits when its document was scanned. */
    private static final BencodeDecoder RESCAN = new BencodeDecoder(Integer.MAX_VALUE, Integer.MAX_VALUE);

    private final byte[] input;

    BencodeInput(byte[] input) {
        this.input = input;
    }

    /**
     * The value at {@code offset}, which must be the offset of a node of the document this input
     * was taken from; reading it costs one scan of its bytes.
     */
    public BencodeNode valueAt(int offset) {
        return RESCAN.decode(input, offset, input.length).root();
    }
}
