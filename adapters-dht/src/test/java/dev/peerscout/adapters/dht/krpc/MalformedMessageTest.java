package dev.peerscout.adapters.dht.krpc;

import static dev.peerscout.adapters.dht.krpc.KrpcGoldenBytesTest.bytes;
import static dev.peerscout.adapters.dht.krpc.KrpcGoldenBytesTest.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and broken datagrams: refused with a reason or read leniently, never an exception. */
class MalformedMessageTest {
    private static final String ID = "abcdefghij0123456789";

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("not bencode", "hello"),
                Arguments.of("a list, not a dictionary", "l1:te"),
                Arguments.of("no transaction id", "d1:rd2:id20:" + ID + "e1:y1:re"),
                Arguments.of("integer transaction id", "d1:rd2:id20:" + ID + "e1:ti7e1:y1:re"),
                Arguments.of(
                        "transaction id over 32 bytes", "d1:rd2:id20:" + ID + "e1:t33:" + "x".repeat(33) + "1:y1:re"),
                Arguments.of("unknown type", "d1:t2:aa1:y1:ze"),
                Arguments.of("no type", "d1:t2:aae"),
                Arguments.of("response without r", "d1:t2:aa1:y1:re"),
                Arguments.of("r is a list", "d1:rl2:ide1:t2:aa1:y1:re"),
                Arguments.of("response without id", "d1:rd5:token2:xxe1:t2:aa1:y1:re"),
                Arguments.of("19-byte id", "d1:rd2:id19:" + ID.substring(1) + "e1:t2:aa1:y1:re"),
                Arguments.of("error without e", "d1:t2:aa1:y1:ee"),
                Arguments.of("query without q", "d1:t2:aa1:y1:qe"),
                Arguments.of("truncated", "d1:rd2:id20:" + ID + "e1:t2:aa1:y1:r"),
                Arguments.of("string longer than the datagram", "d1:t99999999999999999999:aa1:y1:re"),
                Arguments.of("integer beyond 64 bits", "d1:ti99999999999999999999e1:y1:re"),
                Arguments.of("key that is not a string", "di1e1:ae"),
                Arguments.of("dangling key", "d1:t2:aa1:ye"),
                Arguments.of("nesting too deep", "l".repeat(Krpc.MAX_DEPTH + 1) + "e".repeat(Krpc.MAX_DEPTH + 1)),
                Arguments.of("very deep nesting", "d1:t" + "l".repeat(100_000)),
                Arguments.of("larger than 64 KiB", "d1:t2:aa1:y1:r1:r65530:" + "x".repeat(65_530) + "e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void isRefusedWithAReason(String what, String wire) {
        Either<String, Message> decoded = Krpc.decode(bytes(wire));
        assertTrue(decoded.isLeft(), () -> what + " decoded as " + decoded);
        assertTrue(!decoded.getLeft().isBlank());
    }

    @Test
    void raggedNodesKeepTheWholeEntries() {
        String node = ID + latin1(127, 0, 0, 1, 0x1A, 0xE1);
        Message.Response response = response(
                "d1:rd2:id20:" + ID + "5:nodes" + (26 + 25) + ":" + node + node.substring(1) + "e1:t2:aa1:y1:re");
        assertEquals(1, response.answer().nodes().size());
    }

    @Test
    void nodesShorterThanOneEntryGiveNone() {
        Message.Response response = response("d1:rd2:id20:" + ID + "5:nodes25:" + "n".repeat(25) + "e1:t2:aa1:y1:re");
        assertTrue(response.answer().nodes().isEmpty());
    }

    @Test
    void portZeroNodesAndPeersAreDropped() {
        String node = ID + latin1(127, 0, 0, 1, 0, 0);
        Message.Response response = response("d1:rd2:id20:" + ID + "5:nodes26:" + node + "6:valuesl6:"
                + latin1(127, 0, 0, 1, 0, 0) + "ee1:t2:aa1:y1:re");
        assertTrue(response.answer().nodes().isEmpty());
        assertTrue(response.answer().peers().isEmpty());
    }

    @Test
    void valuesOfOddLengthsOrTypesAreSkipped() {
        Message.Response response = response("d1:rd2:id20:" + ID + "6:valuesl5:abcdei6e6:"
                + latin1(10, 0, 0, 1, 0x1A, 0xE1) + "7:abcdefgee1:t2:aa1:y1:re");
        assertEquals(1, response.answer().peers().size());
    }

    @Test
    void fieldsOfTheWrongTypeAreIgnored() {
        Message.Response response =
                response("d1:rd2:id20:" + ID + "5:nodesi3e6:nodes6le5:tokeni1e6:values3:abce" + "1:t2:aa1:y1:re");
        assertTrue(response.answer().nodes().isEmpty());
        assertTrue(response.answer().peers().isEmpty());
        assertTrue(response.answer().token().isEmpty());
    }

    @Test
    void aHugeNodesStringIsCapped() {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            nodes.append(ID).append(latin1(127, 0, 0, 1, 1 + i / 256, i % 256));
        }
        Message.Response response =
                response("d1:rd2:id20:" + ID + "5:nodes" + nodes.length() + ":" + nodes + "e1:t2:aa1:y1:re");
        assertEquals(Krpc.MAX_NODES_PER_FIELD, response.answer().nodes().size());
    }

    @Test
    void aHugeValuesListIsCapped() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            values.append("6:").append(latin1(10, 0, i / 256, i % 256, 0x1A, 0xE1));
        }
        Message.Response response = response("d1:rd2:id20:" + ID + "6:valuesl" + values + "ee1:t2:aa1:y1:re");
        assertEquals(Krpc.MAX_PEERS, response.answer().peers().size());
    }

    @Test
    void aLongTokenIsNotKept() {
        Message.Response response = response("d1:rd2:id20:" + ID + "5:token65:" + "t".repeat(65) + "e1:t2:aa1:y1:re");
        assertTrue(response.answer().token().isEmpty());
    }

    @Test
    void trailingBytesAndUnsortedKeysAreAccepted() {
        Message.Response response = response("d1:y1:r1:t2:aa1:rd2:id20:" + ID + "ee\n\0junk");
        assertEquals(TransactionId.ascii("aa"), response.transaction());
    }

    @Test
    void anErrorWithoutCodeOrTextIsStillAnError() {
        Message message = Krpc.decode(bytes("d1:ele1:t2:aa1:y1:ee")).get();
        assertEquals(new Message.ErrorReply(TransactionId.ascii("aa"), 0, ""), message);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(5);
        String valid = "d1:rd2:id20:" + ID + "5:nodes26:" + ID + latin1(127, 0, 0, 1, 0x1A, 0xE1) + "6:valuesl6:"
                + latin1(10, 0, 0, 1, 0x1A, 0xE1) + "ee1:t2:aa1:y1:re";
        byte[] template = bytes(valid);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = template.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(mutated.length + 1);
            Krpc.decode(mutated, length);
        }
    }

    private static Message.Response response(String wire) {
        Either<String, Message> decoded = Krpc.decode(bytes(wire));
        assertTrue(decoded.isRight(), () -> String.valueOf(decoded));
        return assertInstanceOf(Message.Response.class, decoded.get());
    }
}
