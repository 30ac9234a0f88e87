package dev.peerscout.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BValue.BInt;
import dev.peerscout.bencode.BValue.BList;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BencodeEncoderTest {
    private static final BencodeDecoder DECODER = new BencodeDecoder(100, 1000, 1 << 16);

    @Test
    void encodesDictionaryKeysInUnsignedByteOrder() {
        Map<BBytes, BValue> entries = new LinkedHashMap<>();
        entries.put(BBytes.of(new byte[] {(byte) 0xFF}), new BInt(1));
        entries.put(BBytes.ascii("ab"), new BInt(2));
        entries.put(BBytes.ascii("a"), new BInt(3));
        entries.put(BBytes.ascii("Z"), new BInt(-4));
        byte[] expected = latin1("d1:Zi-4e1:ai3e2:abi2e1:\u00ffi1ee");
        assertArrayEquals(expected, BencodeEncoder.encode(new BDict(entries)));
    }

    @Test
    void decodesWhatItEncodes() {
        BValue value = BDict.builder()
                .put("list", new BList(List.of(new BInt(Long.MIN_VALUE), BBytes.ascii(""))))
                .put("n", Long.MAX_VALUE)
                .build();
        byte[] encoded = BencodeEncoder.encode(value);

        BencodeNode decoded = DECODER.decode(encoded).root();
        assertEquals(value, decoded.toValue());
        assertTrue(CanonicalBencode.firstViolation(decoded).isEmpty());
    }

    @Test
    void writesScalarsAndNestedContainers() {
        assertArrayEquals(latin1("i0e"), BencodeEncoder.encode(new BInt(0)));
        assertArrayEquals(latin1("4:spam"), BencodeEncoder.encode(BBytes.ascii("spam")));
        assertArrayEquals(latin1("0:"), BencodeEncoder.encode(BBytes.ascii("")));
        assertArrayEquals(
                latin1("llleedee"),
                BencodeEncoder.encode(
                        BList.of(BList.of(BList.of()), BDict.builder().build())));
        assertArrayEquals(
                latin1("d1:md6:ut_pexi1ee1:v6:h\u00c3\u00a9llo4:yipsi-1ee"),
                BencodeEncoder.encode(BDict.builder()
                        .put("yips", -1)
                        .putText("v", "h\u00e9llo")
                        .put("m", BDict.builder().put("ut_pex", 1).build())
                        .build()));
    }

    @Test
    void deepValuesNeedNoThreadStack() {
        BValue deep = BBytes.ascii("x");
        for (int i = 0; i < 200_000; i++) {
            deep = BList.of(deep);
        }
        byte[] encoded = BencodeEncoder.encode(deep);
        assertEquals(200_000 * 2 + 3, encoded.length);
        // (Records compare recursively, so the round trip is compared as bytes.)
        BValue decoded = new BencodeDecoder(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .decode(encoded)
                .root()
                .toValue();
        assertArrayEquals(encoded, BencodeEncoder.encode(decoded));
    }

    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
