package dev.peerscout.bencode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One value inside a {@link BencodeDocument}, read in place. Accessors for the wrong kind
 * ({@link #longValue()} on a string, ...) are programming errors and throw
 * {@link IllegalStateException}; check {@link #kind()} first.
 */
public final class BencodeNode {
    /** The ordinal of a value that is not a container. */
    static final int SCALAR = -1;

    private final BencodeDocument document;
    private final int offset;
    /** The container ordinal of a list or dictionary (its key into the container index), else {@link #SCALAR}. */
    private final int ordinal;

    private BencodeNode(BencodeDocument document, int offset, int ordinal) {
        this.document = document;
        this.offset = offset;
        this.ordinal = ordinal;
    }

    /** The value at {@code offset}, with its container ordinal (or {@link #SCALAR}). */
    static BencodeNode at(BencodeDocument document, int offset, int ordinal) {
        return new BencodeNode(document, offset, ordinal);
    }

    /** The top-level value: where the scan started and, if a container, the first one opened. */
    static BencodeNode root(BencodeDocument document, int offset) {
        return new BencodeNode(document, offset, document.isContainer(offset) ? 0 : SCALAR);
    }

    /** A key and its value in a dictionary, in input order. */
    public record Entry(BencodeNode key, BencodeNode value) {}

    public BencodeKind kind() {
        byte b = document.input[offset];
        if (b == 'i') {
            return BencodeKind.INTEGER;
        }
        if (b == 'l') {
            return BencodeKind.LIST;
        }
        return b == 'd' ? BencodeKind.DICTIONARY : BencodeKind.STRING;
    }

    public boolean isInteger() {
        return kind() == BencodeKind.INTEGER;
    }

    public boolean isString() {
        return kind() == BencodeKind.STRING;
    }

    public boolean isList() {
        return kind() == BencodeKind.LIST;
    }

    public boolean isDictionary() {
        return kind() == BencodeKind.DICTIONARY;
    }

    BencodeDocument document() {
        return document;
    }

    int ordinal() {
        return ordinal;
    }

    /** Where the value starts in the input. */
    public int offset() {
        return offset;
    }

    /** Where the value ends in the input (exclusive). */
    public int end() {
        return document.endOf(offset, ordinal);
    }

    /** The value's bytes exactly as they stand in the input (read-only, not copied): what info hashes cover. */
    public ByteBuffer raw() {
        return ByteBuffer.wrap(document.input, offset, end() - offset).asReadOnlyBuffer();
    }

    /** Feeds the value's raw bytes to {@code digest}, without copying them: how info hashes are taken. */
    public void updateDigest(MessageDigest digest) {
        digest.update(document.input, offset, end() - offset);
    }

    // ---- strings

    public int stringLength() {
        require(BencodeKind.STRING);
        return document.stringLength(offset);
    }

    /** A copy of the string's bytes. */
    public byte[] bytes() {
        require(BencodeKind.STRING);
        int start = document.stringContentStart(offset);
        return Arrays.copyOfRange(document.input, start, start + document.stringLength(offset));
    }

    /** The string as UTF-8; malformed sequences become U+FFFD instead of failing. */
    public String text() {
        require(BencodeKind.STRING);
        return new String(
                document.input,
                document.stringContentStart(offset),
                document.stringLength(offset),
                StandardCharsets.UTF_8);
    }

    /** Whether the string's bytes are all zero (an unset hash). */
    public boolean isAllZeroBytes() {
        require(BencodeKind.STRING);
        int start = document.stringContentStart(offset);
        int end = start + document.stringLength(offset);
        for (int p = start; p < end; p++) {
            if (document.input[p] != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- integers

    /** The integer's decimal text as written, without {@code i} and {@code e}. */
    public String integerText() {
        require(BencodeKind.INTEGER);
        int end = end() - 1;
        return new String(document.input, offset + 1, end - offset - 1, StandardCharsets.US_ASCII);
    }

    /** Whether the integer fits in a signed 64-bit {@code long}. */
    public boolean fitsInLong() {
        require(BencodeKind.INTEGER);
        try {
            document.integerAt(offset);
            return true;
        } catch (ArithmeticException beyond64Bits) {
            return false;
        }
    }

    /**
     * The integer's value.
     *
     * @throws BencodeException if it does not fit in 64 bits (BEP 3 sets no bound; see {@link #fitsInLong()})
     */
    public long longValue() {
        require(BencodeKind.INTEGER);
        try {
            return document.integerAt(offset);
        } catch (ArithmeticException beyond64Bits) {
            throw BencodeException.limit(
                    BencodeException.Problem.INTEGER_BEYOND_64_BITS,
                    offset,
                    0,
                    "integer " + abbreviate(integerText()) + " at byte " + offset + " does not fit in 64 bits");
        }
    }

    /** Whether the integer is zero in any spelling ({@code i0e}, {@code i-0e}, {@code i00e}). */
    public boolean isZero() {
        require(BencodeKind.INTEGER);
        return document.isZeroInteger(offset);
    }

    // ---- lists and dictionaries

    /** Whether a list or dictionary has no children. */
    public boolean isEmpty() {
        if (ordinal == SCALAR) {
            throw new IllegalStateException(
                    "value at byte " + offset + " is " + kind().withArticle() + ", not a list or dictionary");
        }
        return document.input[offset + 1] == 'e';
    }

    /**
     * The values of several ASCII keys in one pass (the last duplicate wins), in the order asked:
     * cheaper than one {@link #get} per key for dictionaries read by the million, like file entries.
     */
    public List<Optional<BencodeNode>> getAll(String... keys) {
        require(BencodeKind.DICTIONARY);
        BencodeNode[] found = new Children(this).lastValuesFor(keys);
        List<Optional<BencodeNode>> values = new ArrayList<>(keys.length);
        for (BencodeNode value : found) {
            values.add(Optional.ofNullable(value));
        }
        return values;
    }

    /** The elements of a list. */
    public List<BencodeNode> elements() {
        List<BencodeNode> elements = new ArrayList<>(elementCount());
        for (Children children = new Children(this); children.hasNext(); ) {
            elements.add(children.next());
        }
        return elements;
    }

    /** How many elements a list has, counted without making a node for any. */
    public int elementCount() {
        require(BencodeKind.LIST);
        int count = 0;
        for (Children children = new Children(this); children.hasNext(); children.skip()) {
            count++;
        }
        return count;
    }

    /**
     * The elements of a list, each made only when the loop reaches it: for lists of a million file
     * entries, where {@link #elements()} would hold a million nodes at once.
     */
    public Iterable<BencodeNode> eachElement() {
        require(BencodeKind.LIST);
        // Not a method reference: C1 code allocates a capturing lambda through a native call,
        // and this runs per file entry of a big torrent.
        return new Iterable<>() {
            @Override
            public Iterator<BencodeNode> iterator() {
                return children();
            }
        };
    }

    /** The children of a list or dictionary (keys and values alternating), each made when reached. */
    Iterator<BencodeNode> children() {
        return new Children(this).asIterator();
    }

    /** The string as a {@link BValue.BBytes} (one copy of its bytes). */
    public BValue.BBytes toBytes() {
        require(BencodeKind.STRING);
        int start = document.stringContentStart(offset);
        return BValue.BBytes.of(document.input, start, start + document.stringLength(offset));
    }

    /** The input this value was read from, without the index of its containers; see {@link BencodeInput}. */
    public BencodeInput input() {
        return new BencodeInput(document.input);
    }

    /** The entries of a dictionary in input order, duplicates included. */
    public List<Entry> entries() {
        require(BencodeKind.DICTIONARY);
        List<Entry> entries = new ArrayList<>();
        for (Children children = new Children(this); children.hasNext(); ) {
            entries.add(new Entry(children.next(), children.next()));
        }
        return entries;
    }

    /** The value for an ASCII key; with duplicate keys the last one wins, as in libtorrent. */
    public Optional<BencodeNode> get(String key) {
        require(BencodeKind.DICTIONARY);
        return Optional.ofNullable(new Children(this).lastValueFor(key, null));
    }

    /** The value for a key of any bytes; with duplicate keys the last one wins. */
    public Optional<BencodeNode> get(byte[] key) {
        require(BencodeKind.DICTIONARY);
        return Optional.ofNullable(new Children(this).lastValueFor(null, key));
    }

    /**
     * The value as a tree of {@link BValue}s that no longer refers to the input: for small
     * messages read whole (tracker replies, KRPC). Built without recursion; dictionaries keep
     * input order, and of duplicate keys the last value wins.
     *
     * @throws BencodeException if an integer does not fit in 64 bits
     */
    public BValue toValue() {
        return ValueBuilder.build(this);
    }

    private void require(BencodeKind expected) {
        if (kind() != expected) {
            throw new IllegalStateException(
                    "value at byte " + offset + " is " + kind().withArticle() + ", not " + expected.withArticle());
        }
    }

    private static String abbreviate(String digits) {
        return digits.length() <= 40 ? digits : digits.substring(0, 40) + "...";
    }

    @Override
    public String toString() {
        return kind().withArticle() + " at byte " + offset;
    }
}
