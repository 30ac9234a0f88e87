package dev.peerscout.adapters.peerwire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetadataMessageTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void requestAndRejectAreTheBepsDictionaries() {
        assertArrayEquals(ascii("d8:msg_typei0e5:piecei3ee"), new MetadataMessage.Request(3).encode());
        assertArrayEquals(ascii("d8:msg_typei2e5:piecei0ee"), new MetadataMessage.Reject(0).encode());
        assertEquals(
                new MetadataMessage.Request(3),
                MetadataMessage.decode(ascii("d8:msg_typei0e5:piecei3ee")).get());
        assertEquals(
                new MetadataMessage.Reject(7),
                MetadataMessage.decode(ascii("d8:msg_typei2e5:piecei7ee")).get());
    }

    @Test
    void dataIsTheDictionaryFollowedByTheRawPiece() {
        byte[] wire = ascii("d8:msg_typei1e5:piecei0e10:total_sizei5eed1:ae");
        MetadataMessage.Data data =
                (MetadataMessage.Data) MetadataMessage.decode(wire).get();
        assertEquals(0, data.piece());
        assertEquals(5, data.totalSize());
        assertArrayEquals(
                ascii("d1:ae"), data.bytes(), "bytes that look like bencoding are the piece's, not the dictionary's");
        assertArrayEquals(wire, data.encode());
    }

    @Test
    void aFullPieceIsAcceptedAndOneByteMoreIsNot() {
        byte[] head = ascii("d8:msg_typei1e5:piecei0e10:total_sizei99999ee");
        byte[] full = Arrays.copyOf(head, head.length + MetadataMessage.PIECE_SIZE);
        assertEquals(
                MetadataMessage.PIECE_SIZE,
                ((MetadataMessage.Data) MetadataMessage.decode(full).get()).bytes().length);
        byte[] over = Arrays.copyOf(head, head.length + MetadataMessage.PIECE_SIZE + 1);
        assertTrue(MetadataMessage.decode(over).getLeft().contains("at most 16384"));
    }

    @Test
    void badMessagesAreWordsNotExceptions() {
        assertTrue(MetadataMessage.decode(ascii("")).isLeft());
        assertTrue(MetadataMessage.decode(ascii("i1e")).getLeft().contains("not a dictionary"));
        assertTrue(MetadataMessage.decode(ascii("d5:piecei0ee")).getLeft().contains("msg_type"));
        assertTrue(MetadataMessage.decode(ascii("d8:msg_typei0e5:piecei-1ee"))
                .getLeft()
                .contains("piece"));
        assertTrue(MetadataMessage.decode(ascii("d8:msg_typei0e5:piecei99999999999ee"))
                .getLeft()
                .contains("piece"));
        assertTrue(MetadataMessage.decode(ascii("d8:msg_typei1e5:piecei0ee"))
                .getLeft()
                .contains("total_size"));
        assertTrue(MetadataMessage.decode(ascii("d8:msg_typei1e5:piecei0e10:total_sizei"))
                .getLeft()
                .contains("bencoding"));
        assertTrue(MetadataMessage.decode(ascii("d1:ad1:ad1:ad1:aeeee")).isLeft(), "nesting is bounded");
        assertEquals(
                new MetadataMessage.Unknown(9),
                MetadataMessage.decode(ascii("d8:msg_typei9ee")).get());
    }
}
