package dev.peerscout.adapters.dht.krpc;

import static dev.peerscout.adapters.dht.krpc.KrpcGoldenBytesTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.dht.krpc.BValue.BBytes;
import dev.peerscout.adapters.dht.krpc.BValue.BDict;
import dev.peerscout.adapters.dht.krpc.BValue.BInt;
import dev.peerscout.adapters.dht.krpc.BValue.BList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BencodeTest {

    @Test
    void encodesDictionaryKeysInUnsignedByteOrder() {
        Map<BBytes, BValue> entries = new LinkedHashMap<>();
        entries.put(BBytes.of(new byte[] {(byte) 0xFF}), new BInt(1));
        entries.put(BBytes.ascii("ab"), new BInt(2));
        entries.put(BBytes.ascii("a"), new BInt(3));
        entries.put(BBytes.ascii("Z"), new BInt(-4));
        byte[] expected = bytes("d1:Zi-4e1:ai3e2:abi2e1:\u00ffi1ee");
        assertArrayEquals(expected, Bencode.encode(new BDict(entries)));
    }

    @Test
    void decodesWhatItEncodes() {
        BValue value = BDict.of("list", new BList(List.of(new BInt(Long.MIN_VALUE), BBytes.ascii(""))),
                "n", new BInt(Long.MAX_VALUE));
        assertEquals(value, Bencode.decode(Bencode.encode(value)).get());
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        int depth = Bencode.MAX_DEPTH;
        assertTrue(Bencode.decode(bytes("l".repeat(depth) + "e".repeat(depth))).isRight());
        assertTrue(Bencode.decode(bytes("l".repeat(depth + 1) + "e".repeat(depth + 1))).isLeft());
    }

    @Test
    void decodesOnlyTheGivenLength() {
        byte[] buffer = bytes("4:spamXXXX");
        assertTrue(Bencode.decode(buffer, 3).isLeft());
        assertEquals(BBytes.ascii("spam"), Bencode.decode(buffer, 6).get());
    }

    @Test
    void aClaimedLengthIsNeverAllocated() {
        // 2 GiB claimed, 1 byte present: refused before any allocation.
        assertTrue(Bencode.decode(bytes("2147483647:x")).getLeft().contains("claims more than"));
    }
}
