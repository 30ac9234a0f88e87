package dev.peerscout.bencode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalBencodeTest {
    private final BencodeDecoder decoder = new BencodeDecoder(100, 1000);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "d1:Zi1e1:ai2ee       | ",
                "d1:ai1e2:abi2ee      | ",
                "d0:i1ee              | ",
                "li0ei-1e0:e          | ",
                "i03e                 | integer with a leading zero at byte 0",
                "li-03ee              | integer with a leading zero at byte 1",
                "li-0ee               | negative zero at byte 1",
                "d1:ai-0ee            | negative zero at byte 4",
                "03:abc               | string length with a leading zero at byte 0",
                "d1:bi1e1:ai2ee       | dictionary key 'a' at byte 7 is out of order (after 'b')",
                "d1:ai1e1:Zi2ee       | dictionary key 'Z' at byte 7 is out of order (after 'a')",
                "d1:ai1e1:ai2ee       | duplicate dictionary key 'a' at byte 7",
                "d1:ad1:yi1e1:xi1eee  | dictionary key 'x' at byte 11 is out of order (after 'y')",
                "d1:ad1:xi1ee1:bi1ee  | ",
            })
    void findsTheFirstViolation(String input, String violation) {
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                Optional.ofNullable(violation),
                CanonicalBencode.firstViolation(decoder.decode(bytes).root()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "64313a7a693165313aff69326565 | ",
                "64313aff693165313a7a69326565 | dictionary key 'z' at byte 7 is out of order (after 0xff)",
            })
    void comparesKeysAsUnsignedBytes(String hex, String violation) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertEquals(
                Optional.ofNullable(violation),
                CanonicalBencode.firstViolation(decoder.decode(bytes).root()));
    }

    /** Findings are kept for the first few only: past them a value is walked again, with the same answers. */
    @Test
    void valuesPastTheKeptFindingsAreWalkedWithTheSameAnswers() {
        String findings = "i00e".repeat(NonCanonicalFindings.KEPT + 4);
        byte[] bytes = ("l" + findings + "d1:bi1e1:ai2eei1ed2:ab03:xyzee").getBytes(StandardCharsets.US_ASCII);
        List<BencodeNode> elements = decoder.decode(bytes).root().elements();
        int afterFindings = NonCanonicalFindings.KEPT + 4;

        assertEquals(
                Optional.of("integer with a leading zero at byte 1"), CanonicalBencode.firstViolation(elements.get(0)));
        assertEquals(
                Optional.of("integer with a leading zero at byte 77"),
                CanonicalBencode.firstViolation(elements.get(19)));
        assertEquals(
                Optional.of("dictionary key 'a' at byte 88 is out of order (after 'b')"),
                CanonicalBencode.firstViolation(elements.get(afterFindings)));
        assertEquals(Optional.empty(), CanonicalBencode.firstViolation(elements.get(afterFindings + 1)));
        assertEquals(
                Optional.of("string length with a leading zero at byte 103"),
                CanonicalBencode.firstViolation(elements.get(afterFindings + 2)));
        for (BencodeNode element : elements) {
            assertEquals(CanonicalBencode.walk(element), CanonicalBencode.firstViolation(element), element.toString());
        }
    }
}
