package dev.peerscout.adapters.torrentfile.bencode;

import io.vavr.control.Option;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One value inside a {@link BencodeDocument}, read in place. Accessors for the wrong kind
 * ({@link #longValue()} on a string, ...) are programming errors and throw
 * {@link IllegalStateException}; check {@link #kind()} first.
 */
public final class BencodeNode {
    private final BencodeDocument document;
    private final int offset;

    BencodeNode(BencodeDocument document, int offset) {
        this.document = document;
        this.offset = offset;
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

    /** Where the value starts in the input. */
    public int offset() {
        return offset;
    }

    /** Where the value ends in the input (exclusive). */
    public int end() {
        return document.endOf(offset);
    }

    /** The value's bytes exactly as they stand in the input (read-only, not copied): what info hashes cover. */
    public ByteBuffer raw() {
        return ByteBuffer.wrap(document.input, offset, end() - offset).asReadOnlyBuffer();
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
        return new String(document.input, document.stringContentStart(offset), document.stringLength(offset),
                StandardCharsets.UTF_8);
    }

    /** Whether the string's bytes equal {@code ascii} (compared byte by byte, no allocation). */
    public boolean textEquals(String ascii) {
        require(BencodeKind.STRING);
        return bytesEqual(offset, ascii);
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
            Long.parseLong(integerText());
            return true;
        } catch (NumberFormatException beyond64Bits) {
            return false;
        }
    }

    /**
     * The integer's value.
     *
     * @throws BencodeException if it does not fit in 64 bits (BEP 3 sets no bound; see {@link #fitsInLong()})
     */
    public long longValue() {
        String text = integerText();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException beyond64Bits) {
            throw new BencodeException(offset, "integer " + abbreviate(text) + " at byte " + offset
                    + " does not fit in 64 bits");
        }
    }

    /** Whether the integer is zero in any spelling ({@code i0e}, {@code i-0e}, {@code i00e}). */
    public boolean isZero() {
        require(BencodeKind.INTEGER);
        for (int p = offset + 1; document.input[p] != 'e'; p++) {
            byte b = document.input[p];
            if (b != '0' && b != '-') {
                return false;
            }
        }
        return true;
    }

    // ---- lists and dictionaries

    /** The elements of a list. */
    public List<BencodeNode> elements() {
        require(BencodeKind.LIST);
        List<BencodeNode> elements = new ArrayList<>();
        for (int p = offset + 1; document.input[p] != 'e'; p = document.endOf(p)) {
            elements.add(new BencodeNode(document, p));
        }
        return elements;
    }

    /** The entries of a dictionary in input order, duplicates included. */
    public List<Entry> entries() {
        require(BencodeKind.DICTIONARY);
        List<Entry> entries = new ArrayList<>();
        int p = offset + 1;
        while (document.input[p] != 'e') {
            int valueStart = document.endOf(p);
            entries.add(new Entry(new BencodeNode(document, p), new BencodeNode(document, valueStart)));
            p = document.endOf(valueStart);
        }
        return entries;
    }

    /** The value for an ASCII key; with duplicate keys the last one wins, as in libtorrent. */
    public Option<BencodeNode> get(String key) {
        require(BencodeKind.DICTIONARY);
        int found = -1;
        int p = offset + 1;
        while (document.input[p] != 'e') {
            int valueStart = document.endOf(p);
            if (bytesEqual(p, key)) {
                found = valueStart;
            }
            p = document.endOf(valueStart);
        }
        return found < 0 ? Option.none() : Option.some(new BencodeNode(document, found));
    }

    private boolean bytesEqual(int stringOffset, String ascii) {
        int length = document.stringLength(stringOffset);
        if (length != ascii.length()) {
            return false;
        }
        int start = document.stringContentStart(stringOffset);
        for (int i = 0; i < length; i++) {
            char c = ascii.charAt(i);
            // Only ASCII can match: a char above 0x7f is not one byte in UTF-8, whatever Latin-1 says.
            if (c > 0x7f || (document.input[start + i] & 0xff) != c) {
                return false;
            }
        }
        return true;
    }

    private void require(BencodeKind expected) {
        if (kind() != expected) {
            throw new IllegalStateException("value at byte " + offset + " is " + kind().withArticle()
                    + ", not " + expected.withArticle());
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
