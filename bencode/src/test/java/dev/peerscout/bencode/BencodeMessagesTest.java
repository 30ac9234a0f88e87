package dev.peerscout.bencode;

import static dev.peerscout.bencode.BencodeEncoderTest.latin1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BValue.BInt;
import dev.peerscout.bencode.BencodeException.Problem;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messages read whole ({@link BencodeNode#toValue()}), prefixes followed by raw bytes, and the size cap. */
class BencodeMessagesTest {
    /** KRPC's limits: a UDP payload, three levels needed. */
    private static final BencodeDecoder DATAGRAMS = new BencodeDecoder(16, 1 << 16, 64 * 1024);

    @Test
    void aPrefixEndsWhereItsDictionaryEndsAndTheRawBytesAreTheCaller() {
        // BEP 9: a data message is a dictionary, then the piece's bytes in the same message.
        byte[] message = latin1("xxd8:msg_typei1e5:piecei0e10:total_sizei3eeABC");
        BencodeDocument document = DATAGRAMS.decode(message, 2, message.length);

        assertEquals(message.length - 3, document.end());
        assertEquals(3, document.trailingBytes());
        assertEquals(2, document.root().offset());
        assertEquals(1L, document.root().get("msg_type").get().longValue());
    }

    @Test
    void decodesOnlyTheGivenRange() {
        byte[] buffer = latin1("4:spamXXXX");
        assertThrows(BencodeException.class, () -> DATAGRAMS.decode(buffer, 0, 3));
        assertEquals(BBytes.ascii("spam"), DATAGRAMS.decode(buffer, 0, 6).root().toValue());
        assertThrows(IllegalArgumentException.class, () -> DATAGRAMS.decode(buffer, 4, 11));
    }

    @Test
    void aValueLongerThanTheCapIsRefusedAsSuch() {
        BencodeDecoder small = new BencodeDecoder(100, 100, 10);
        assertEquals(
                BBytes.ascii("12345678"),
                small.decode(latin1("8:12345678 and more")).root().toValue());

        BencodeException string = assertThrows(BencodeException.class, () -> small.decode(latin1("9:123456789")));
        assertEquals(Problem.TOO_LARGE, string.problem());
        assertEquals("bencoded value larger than 10 bytes (at byte 0)", string.getMessage());
        BencodeException list = assertThrows(BencodeException.class, () -> small.decode(latin1("li1ei2ei3ei4ee")));
        assertEquals(Problem.TOO_LARGE, list.problem());
        BencodeException integer = assertThrows(BencodeException.class, () -> small.decode(latin1("i1234567890e")));
        assertEquals(Problem.TOO_LARGE, integer.problem());
        // A syntax error inside the cap stays what it is.
        assertEquals(
                Problem.MALFORMED_INTEGER,
                assertThrows(BencodeException.class, () -> small.decode(latin1("i12x4567890e")))
                        .problem());
    }

    @Test
    void duplicateKeysKeepTheLastValueInTheFirstPlace() {
        BDict dict =
                (BDict) DATAGRAMS.decode(latin1("d1:ai1e1:bi0e1:ai2ee")).root().toValue();

        assertEquals(2, dict.entries().size());
        assertEquals(2L, dict.integer("a").get());
        assertEquals(BBytes.ascii("a"), dict.entries().keySet().iterator().next());
    }

    @Test
    void integersBeyond64BitsFailWhenReadAsValues() {
        BencodeNode root =
                DATAGRAMS.decode(latin1("li1ei18446744073709551616ee")).root();
        BencodeException error = assertThrows(BencodeException.class, root::toValue);
        assertEquals(Problem.INTEGER_BEYOND_64_BITS, error.problem());
        assertEquals(4, error.offset());
        assertEquals(
                new BInt(Long.MIN_VALUE),
                DATAGRAMS.decode(latin1("i-9223372036854775808e")).root().toValue());
        assertEquals(
                Problem.INTEGER_BEYOND_64_BITS,
                assertThrows(
                                BencodeException.class,
                                () -> DATAGRAMS
                                        .decode(latin1("i-9223372036854775809e"))
                                        .root()
                                        .toValue())
                        .problem());
    }

    @Test
    void aClaimedLengthIsNeverAllocated() {
        // 2 GiB claimed, 1 byte present: refused before any allocation, the claim reported in full.
        BencodeException error = assertThrows(BencodeException.class, () -> DATAGRAMS.decode(latin1("2147483647:x")));
        assertEquals(Problem.STRING_PAST_END, error.problem());
        assertEquals(2147483647L, error.claimedLength());
        assertEquals(1, error.bytesLeft());
        BencodeException huge =
                assertThrows(BencodeException.class, () -> DATAGRAMS.decode(latin1("99999999999999999999999:abc")));
        assertEquals(Long.MAX_VALUE, huge.claimedLength());
    }

    @Test
    void problemsCarryWhatACallerNeedsToWordThem() {
        BencodeException unexpected = assertThrows(BencodeException.class, () -> DATAGRAMS.decode(latin1("<html>")));
        assertEquals(Problem.UNEXPECTED_BYTE, unexpected.problem());
        assertEquals('<', unexpected.found());
        BencodeException unclosed = assertThrows(BencodeException.class, () -> DATAGRAMS.decode(latin1("lld")));
        assertEquals(Problem.END_OF_INPUT, unclosed.problem());
        assertEquals(3, unclosed.openContainers());
        BencodeException integer = assertThrows(BencodeException.class, () -> DATAGRAMS.decode(latin1("li12x")));
        assertEquals(Problem.MALFORMED_INTEGER, integer.problem());
        assertEquals(1, integer.valueStart());
        assertEquals(4, integer.offset());
        assertEquals(
                Problem.KEY_NOT_STRING,
                assertThrows(BencodeException.class, () -> DATAGRAMS.decode(latin1("di1ei2ee")))
                        .problem());
        assertEquals(
                Problem.KEY_WITHOUT_VALUE,
                assertThrows(BencodeException.class, () -> DATAGRAMS.decode(latin1("d1:ae")))
                        .problem());
        assertEquals(
                Problem.TOO_DEEP,
                assertThrows(BencodeException.class, () -> DATAGRAMS.decode(latin1("l".repeat(17) + "e".repeat(17))))
                        .problem());
        assertTrue(DATAGRAMS.decode(latin1("l".repeat(16) + "e".repeat(16))).trailingBytes() == 0);
    }

    /**
     * Distinct keys with one Arrays.hashCode ("Aa" and "BB" collide). Were each insertion a scan
     * of the whole bucket: 2048 keys (57 KB, under the DHT's datagram limit) cost two million key
     * comparisons per message, and a DHT node decodes every datagram it is sent; 32768 keys
     * (1.3 MB, under the HTTP client's body limit) took minutes.
     */
    @ParameterizedTest(name = "{0} bits, {1} times")
    @CsvSource({"11, 500", "15, 1"})
    void keysWithOneHashCodeDoNotMakeDecodingQuadratic(int bits, int times) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(latin1("d1:ad"));
        for (int i = 0; i < 1 << bits; i++) {
            StringBuilder key = new StringBuilder();
            for (int b = 0; b < bits; b++) {
                key.append((i >> b & 1) == 0 ? "Aa" : "BB");
            }
            message.writeBytes(latin1(key.length() + ":" + key + "i0e"));
        }
        message.writeBytes(latin1("ee"));
        byte[] hostile = message.toByteArray();
        BencodeDecoder decoder = new BencodeDecoder(100, Integer.MAX_VALUE);

        BDict decoded = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            BDict last = null;
            for (int i = 0; i < times; i++) {
                last = (BDict) decoder.decode(hostile).root().toValue();
            }
            return last;
        });

        assertEquals(1 << bits, decoded.dict("a").get().entries().size());
    }

    @Test
    void rawBinaryKeysStayBytes() {
        byte[] hash = HexFormat.of().parseHex("c0fda1edafdbdbb96443424e0b3899af7159d10e");
        byte[] encoded = BencodeEncoder.encode(
                BDict.builder().put(BBytes.of(hash), new BInt(1)).build());
        BencodeNode root = DATAGRAMS.decode(encoded).root();

        assertEquals(
                BBytes.of(hash),
                ((BDict) root.toValue()).entries().keySet().iterator().next());
        assertEquals(1L, root.get(hash).get().longValue());
        assertArrayEquals(hash, root.entries().get(0).key().bytes());
    }
}
