package dev.peerscout.adapters.dht.krpc;

import static dev.peerscout.adapters.dht.krpc.KrpcGoldenBytesTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.dht.krpc.BValue.BBytes;
import dev.peerscout.adapters.dht.krpc.BValue.BDict;
import dev.peerscout.adapters.dht.krpc.BValue.BInt;
import dev.peerscout.adapters.dht.krpc.BValue.BList;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
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
    void keysWithOneHashCodeDoNotMakeDecodingQuadratic() {
        // 2048 distinct keys with one Arrays.hashCode ("Aa" and "BB" collide): 57 KB, under the
        // message limit. Each insertion scanned the whole bucket, about two million key
        // comparisons per message; a node decodes every datagram it is sent, so 500 of them.
        int bits = 11;
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(bytes("d1:ad"));
        for (int i = 0; i < 1 << bits; i++) {
            StringBuilder key = new StringBuilder();
            for (int b = 0; b < bits; b++) {
                key.append((i >> b & 1) == 0 ? "Aa" : "BB");
            }
            message.writeBytes(bytes(key.length() + ":" + key + "i0e"));
        }
        message.writeBytes(bytes("ee"));
        byte[] hostile = message.toByteArray();
        assertTrue(hostile.length <= Bencode.MAX_MESSAGE, "within the message limit: " + hostile.length);

        BDict decoded = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            BDict last = null;
            for (int i = 0; i < 500; i++) {
                last = (BDict) Bencode.decode(hostile).get();
            }
            return last;
        });

        assertEquals(1 << bits, decoded.dict("a").get().entries().size());
    }

    @Test
    void aClaimedLengthIsNeverAllocated() {
        // 2 GiB claimed, 1 byte present: refused before any allocation.
        assertTrue(Bencode.decode(bytes("2147483647:x")).getLeft().contains("claims more than"));
    }
}
