package dev.peerscout.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class BencodeNodeTest {
    private final BencodeDecoder decoder = new BencodeDecoder(100, 1000);

    @Test
    void readsIntegersUpTo64Bits() {
        assertEquals(Long.MAX_VALUE, root("i9223372036854775807e").longValue());
        assertEquals(Long.MIN_VALUE, root("i-9223372036854775808e").longValue());
        assertEquals(5_242_880_000L, root("i5242880000e").longValue());
    }

    /** The first 18 digits are read unchecked: the boundary around them, and leading zeros before it. */
    @Test
    void readsIntegersAroundTheUncheckedDigits() {
        assertEquals(999_999_999_999_999_999L, root("i999999999999999999e").longValue());
        assertEquals(-999_999_999_999_999_999L, root("i-999999999999999999e").longValue());
        assertEquals(1_000_000_000_000_000_000L, root("i1000000000000000000e").longValue());
        assertEquals(
                Long.MAX_VALUE, root("i0000000000000000009223372036854775807e").longValue());
        assertFalse(root("i9223372036854775808e").fitsInLong());
        assertFalse(root("i-9223372036854775809e").fitsInLong());
        assertFalse(root("i99999999999999999999e").fitsInLong());
    }

    @Test
    void anIntegerBeyond64BitsIsAClearErrorWhenRead() {
        BencodeNode big = root("i18446744073709551616e");
        assertFalse(big.fitsInLong());
        BencodeException error = assertThrows(BencodeException.class, big::longValue);
        assertEquals("integer 18446744073709551616 at byte 0 does not fit in 64 bits", error.getMessage());
        assertEquals("18446744073709551616", big.integerText());
    }

    @Test
    void zeroHasSeveralSpellings() {
        assertTrue(root("i0e").isZero());
        assertTrue(root("i-0e").isZero());
        assertTrue(root("i000e").isZero());
        assertFalse(root("i10e").isZero());
        assertFalse(root("i-1e").isZero());
    }

    @Test
    void theLastOfDuplicateKeysWins() {
        BencodeNode dictionary = root("d1:ai1e1:bi2e1:ai3ee");
        assertEquals(3, dictionary.get("a").get().longValue());
        assertTrue(dictionary.get("c").isEmpty());
        assertEquals(
                List.of("a", "b", "a"),
                dictionary.entries().stream().map(entry -> entry.key().text()).toList());
    }

    @Test
    void keysAreComparedAsBytesNotText() {
        BencodeNode dictionary = decoder.decode(new byte[] {'d', '1', ':', (byte) 0xE9, 'i', '1', 'e', 'e'})
                .root();
        // 0xE9 is 'é' in Latin-1 but not a character in UTF-8: no lookup by text may match it.
        assertTrue(dictionary.get("\u00e9").isEmpty());
        assertTrue(dictionary.get("\ufffd").isEmpty());
    }

    @Test
    void stringsAreBytesAndTextIsMaskedUtf8() {
        BencodeNode latin1 = decoder.decode("8:caf\u00e9.bin".getBytes(StandardCharsets.ISO_8859_1))
                .root();
        assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xE9, '.', 'b', 'i', 'n'}, latin1.bytes());
        assertEquals("caf\ufffd.bin", latin1.text());
        assertEquals(
                "h\u00e9llo",
                decoder.decode("6:h\u00c3\u00a9llo".getBytes(StandardCharsets.ISO_8859_1))
                        .root()
                        .text());
    }

    @Test
    void everyValueKnowsItsRawSpan() {
        BencodeNode dictionary = root("d4:infod1:bi1e1:ai2ee3:zzz0:e");
        BencodeNode info = dictionary.get("info").get();
        assertEquals(7, info.offset());
        assertEquals(21, info.end());
        ByteBuffer raw = info.raw();
        assertTrue(raw.isReadOnly());
        assertEquals("d1:bi1e1:ai2ee", StandardCharsets.US_ASCII.decode(raw).toString());
    }

    @Test
    void listsAndDictionariesNestWithoutRecursion() {
        BencodeNode list = root("l1:ali1eed1:ki2eee");
        List<BencodeNode> elements = list.elements();
        assertEquals(
                List.of(BencodeKind.STRING, BencodeKind.LIST, BencodeKind.DICTIONARY),
                elements.stream().map(BencodeNode::kind).toList());
        assertEquals(1, elements.get(1).elements().get(0).longValue());
        assertEquals(2, elements.get(2).get("k").get().longValue());
    }

    @Test
    void aListCanBeWalkedOneElementAtATime() {
        BencodeNode list = root("l1:ali1eed1:ki2eee");
        List<BencodeNode> walked = new ArrayList<>();
        list.eachElement().forEach(walked::add);

        assertEquals(3, list.elementCount());
        assertEquals(
                list.elements().stream().map(BencodeNode::offset).toList(),
                walked.stream().map(BencodeNode::offset).toList());
        assertEquals(2, walked.get(2).get("k").get().longValue());
        Iterator<BencodeNode> empty = root("le").eachElement().iterator();
        assertFalse(empty.hasNext());
        assertThrows(NoSuchElementException.class, empty::next);
    }

    @Test
    void aValueIsReadAgainFromTheInputAloneByItsOffset() {
        BencodeNode root = root("d5:filesld6:lengthi7e4:pathl1:a1:beeee3:zzzi1ee");
        BencodeNode file = root.get("files").get().elements().get(0);

        BencodeNode again = file.input().valueAt(file.offset());

        assertEquals(file.offset(), again.offset());
        assertEquals(file.end(), again.end());
        assertEquals(7, again.get("length").get().longValue());
        assertEquals(
                List.of("a", "b"),
                again.get("path").get().elements().stream()
                        .map(BencodeNode::text)
                        .toList());
    }

    @Test
    void containersAreFoundAcrossPagesOfTheIndex() {
        // 40,000 containers fill the index's first page and two more; each must still end where it does.
        int count = 40_000;
        StringBuilder input = new StringBuilder("l");
        for (int i = 0; i < count; i++) {
            input.append("ld1:").append(i % 10).append("i").append(i).append("eee");
        }
        BencodeNode list = new BencodeDecoder(100, 2 * count + 1)
                .decode(input.append('e').toString().getBytes(StandardCharsets.US_ASCII))
                .root();

        int index = 0;
        for (BencodeNode element : list.eachElement()) {
            BencodeNode dictionary = element.elements().get(0);
            assertEquals(index, dictionary.get(String.valueOf(index % 10)).get().longValue());
            assertEquals('e', input.charAt(element.end() - 1));
            index++;
        }
        assertEquals(count, index);
        assertEquals(input.length(), list.end());
    }

    @Test
    void askingTheWrongKindIsAProgrammingError() {
        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> root("i1e").text());
        assertEquals("value at byte 0 is an integer, not a string", error.getMessage());
        assertThrows(IllegalStateException.class, () -> root("le").get("a"));
        assertThrows(IllegalStateException.class, () -> root("de").elements());
    }

    @Test
    void allZeroStringsAreRecognised() {
        assertTrue(root("3:\0\0\0").isAllZeroBytes());
        assertFalse(root("3:\0\1\0").isAllZeroBytes());
    }

    private BencodeNode root(String input) {
        return decoder.decode(input.getBytes(StandardCharsets.ISO_8859_1)).root();
    }
}
