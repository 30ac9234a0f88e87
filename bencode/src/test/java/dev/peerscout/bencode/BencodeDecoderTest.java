package dev.peerscout.bencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeDecoderTest {
    private final BencodeDecoder decoder = new BencodeDecoder(100, 1_000_000);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''            | invalid bencoding at byte 0: unexpected end of input, expected a value",
                "x             | invalid bencoding at byte 0: unexpected 'x', expected a value",
                "e             | invalid bencoding at byte 0: unexpected 'e', expected a value",
                "ie            | invalid bencoding at byte 1: expected a digit in integer, found 'e'",
                "i-e           | invalid bencoding at byte 2: expected a digit in integer, found 'e'",
                "i+3e          | invalid bencoding at byte 1: expected a digit in integer, found '+'",
                "i3            | invalid bencoding at byte 2: unexpected end of input in integer (missing 'e')",
                "i3.0e         | invalid bencoding at byte 2: expected 'e' to end the integer, found '.'",
                "i-            | invalid bencoding at byte 2: unexpected end of input in integer",
                "3abc          | invalid bencoding at byte 1: expected ':' after string length, found 'a'",
                "12            | invalid bencoding at byte 2: unexpected end of input in string length",
                "5:abc         | invalid bencoding at byte 0: string length 5 runs past the end of the input (3 bytes left)",
                "-1:a          | invalid bencoding at byte 0: unexpected '-', expected a value",
                "l4:spam       | invalid bencoding at byte 7: unexpected end of input: the list opened at byte 0 is not closed",
                "d1:ai1e       | invalid bencoding at byte 7: unexpected end of input: the dictionary opened at byte 0 is not closed",
                "di1ei2ee      | invalid bencoding at byte 1: dictionary key must be a string, found 'i'",
                "dlee          | invalid bencoding at byte 1: dictionary key must be a string, found 'l'",
                "d1:ae         | invalid bencoding at byte 4: dictionary key has no value",
            })
    void malformedInputIsRejectedWithItsOffset(String input, String message) {
        BencodeException error = assertThrows(BencodeException.class, () -> scan(input));
        assertEquals(message, error.getMessage());
    }

    @Test
    void aBinaryByteIsShownInHex() {
        BencodeException error = assertThrows(BencodeException.class, () -> decoder.decode(new byte[] {(byte) 0x8f}));
        assertEquals("invalid bencoding at byte 0: unexpected byte 0x8f, expected a value", error.getMessage());
    }

    @Test
    void aHugeLengthPrefixIsRejectedWithoutAllocatingIt() {
        byte[] input = new byte[100];
        Arrays.fill(input, (byte) 'x');
        byte[] prefix = "9999999999:".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, input, 0, prefix.length);

        BencodeException error = assertThrows(BencodeException.class, () -> decoder.decode(input));

        assertEquals(
                "invalid bencoding at byte 0: string length 9999999999 runs past the end of the input"
                        + " (89 bytes left)",
                error.getMessage());
    }

    @Test
    void aLengthPrefixBeyond64BitsIsReportedNotOverflowed() {
        String digits = "1".repeat(60);
        BencodeException error = assertThrows(BencodeException.class, () -> scan(digits + ":abc"));
        assertEquals(
                "invalid bencoding at byte 0: string length 111111111111111111111111... runs past the end"
                        + " of the input (3 bytes left)",
                error.getMessage());
    }

    @Test
    void aMillionNestedListsFailOnTheDepthLimitNotTheStack() {
        byte[] input = new byte[2_000_000];
        Arrays.fill(input, 0, 1_000_000, (byte) 'l');
        Arrays.fill(input, 1_000_000, 2_000_000, (byte) 'e');

        BencodeException error = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> assertThrows(BencodeException.class, () -> decoder.decode(input)));

        assertEquals("nesting deeper than 100 (at byte 100)", error.getMessage());
    }

    @Test
    void exactlyTheDepthLimitIsAllowed() {
        assertEquals(0, scan("l".repeat(100) + "e".repeat(100)).trailingBytes());
        BencodeException error = assertThrows(BencodeException.class, () -> scan("l".repeat(101) + "e".repeat(101)));
        assertTrue(error.getMessage().startsWith("nesting deeper than 100"), error.getMessage());
    }

    @Test
    void theContainerLimitBoundsTheIndex() {
        BencodeDecoder small = new BencodeDecoder(100, 3);
        assertEquals(3, small.decode(bytes("llelee")).containerCount());
        BencodeException error = assertThrows(BencodeException.class, () -> small.decode(bytes("llelelee")));
        assertEquals("invalid bencoding at byte 5: more than 3 lists and dictionaries", error.getMessage());
    }

    @Test
    void leniencyIsLeftToCallers() {
        // Unsorted and duplicate keys, leading zeros, negative zero: grammatical, so accepted here.
        BencodeDocument document = scan("d1:bi03e1:bi-0e1:a03:xyze");
        assertEquals(3, document.root().entries().size());
        assertFalse(CanonicalBencode.firstViolation(document.root()).isEmpty());
    }

    @Test
    void trailingBytesAreCountedNotParsed() {
        BencodeDocument document = scan("d1:ai1ee\ngarbage");
        assertEquals(8, document.trailingBytes());
        assertEquals(0, document.root().offset());
        assertEquals(8, document.root().end());
    }

    @Test
    void aTopLevelScalarEndsTheScan() {
        assertEquals(3, scan("i3ei4e").trailingBytes());
        assertEquals(0, scan("0:").trailingBytes());
    }

    private BencodeDocument scan(String input) {
        return decoder.decode(bytes(input));
    }

    private static byte[] bytes(String input) {
        return input.getBytes(StandardCharsets.ISO_8859_1);
    }
}
