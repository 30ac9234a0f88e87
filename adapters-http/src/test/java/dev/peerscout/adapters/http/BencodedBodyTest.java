package dev.peerscout.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BValue.BInt;
import dev.peerscout.bencode.BValue.BList;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BencodedBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grammatical, but beyond what we accept on purpose: integers wider than 64 bits. */
    private static final Set<String> REFUSED_ON_PURPOSE = Set.of("int-2^64");

    static Stream<JsonNode> vectors() {
        return Vectors.elements(Vectors.bencode().get("vectors")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesWhatIsGrammaticalAndRefusesTheRest(JsonNode vector) {
        String id = vector.get("id").asText();
        Either<String, BValue> decoded =
                BencodedBody.decode(HexFormat.of().parseHex(vector.get("hex").asText()));

        boolean grammatical = vector.get("decodes_grammatically").asBoolean() && !REFUSED_ON_PURPOSE.contains(id);
        assertEquals(grammatical, decoded.isRight(), id + " -> " + decoded);
        if (grammatical && !id.equals("dict-duplicate-key")) {
            assertEquals(vector.get("value").toString(), render(decoded.get()).toString(), id);
        }
    }

    @Test
    void duplicateKeysKeepTheLastValue() {
        BDict dict = (BDict) BencodedBody.decode(ascii("d1:ai1e1:ai2ee")).get();

        assertEquals(1, dict.entries().size());
        assertEquals(2L, dict.integer("a").get());
    }

    @Test
    void integersBeyond64BitsAreAClearError() {
        assertTrue(
                BencodedBody.decode(ascii("i18446744073709551616e")).getLeft().contains("beyond 64 bits"));
        assertTrue(
                BencodedBody.decode(ascii("i-9223372036854775809e")).getLeft().contains("beyond 64 bits"));
        assertEquals(
                new BInt(Long.MIN_VALUE),
                BencodedBody.decode(ascii("i-9223372036854775808e")).get());
    }

    @Test
    void aClaimedLengthBeyondTheInputIsRefusedWithoutAllocatingIt() {
        assertEquals(
                "string at byte 0 claims 2147483647 bytes but only 3 follow",
                BencodedBody.decode(ascii("2147483647:abc")).getLeft());
        assertEquals(
                "string at byte 0 claims more than 2 GiB but only 3 follow",
                BencodedBody.decode(ascii("99999999999999999999999:abc")).getLeft());
        assertTrue(BencodedBody.decode(ascii("d5:peers1000:abce"))
                .getLeft()
                .contains("claims 1000 bytes but only 4 follow"));
    }

    @Test
    void nestingIsBoundedAndNeverOverflowsTheStack() {
        String deepest = "l".repeat(BencodedBody.MAX_DEPTH) + "e".repeat(BencodedBody.MAX_DEPTH);
        assertTrue(BencodedBody.decode(ascii(deepest)).isRight());

        String tooDeep = "l".repeat(BencodedBody.MAX_DEPTH + 1) + "e".repeat(BencodedBody.MAX_DEPTH + 1);
        assertTrue(BencodedBody.decode(ascii(tooDeep)).getLeft().contains("nesting deeper than"));

        byte[] hostile = new byte[1_000_000];
        java.util.Arrays.fill(hostile, (byte) 'l');
        assertTrue(BencodedBody.decode(hostile).isLeft());
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertEquals("unexpected 'x' at byte 0", BencodedBody.decode(ascii("x")).getLeft());
        assertEquals(
                "dictionary key is not a byte string at byte 1",
                BencodedBody.decode(ascii("di1ei2ee")).getLeft());
        assertEquals(
                "input ends inside 1 unclosed container",
                BencodedBody.decode(ascii("l4:spam")).getLeft());
        assertEquals("empty input", BencodedBody.decode(new byte[0]).getLeft());
    }

    @Test
    void rawBinaryKeysStayBytes() {
        byte[] hash = HexFormat.of().parseHex("c0fda1edafdbdbb96443424e0b3899af7159d10e");
        BDict dict = (BDict) BencodedBody.decode(Bencoded.dict(hash, 1)).get();

        assertEquals(BBytes.of(hash), dict.entries().keySet().iterator().next());
    }

    /** The vectors' JSON rendering: printable UTF-8 as text, other bytes as hex, dicts as ordered pairs. */
    private static JsonNode render(BValue value) {
        if (value instanceof BInt) {
            long number = ((BInt) value).value();
            return Math.abs((double) number) > 9007199254740992.0
                    ? JSON.createObjectNode().put("bigint", Long.toString(number))
                    : JSON.getNodeFactory().numberNode(number);
        }
        if (value instanceof BBytes) {
            return renderBytes(((BBytes) value).toBytes());
        }
        if (value instanceof BList) {
            ArrayNode array = JSON.createArrayNode();
            ((BList) value).items().forEach(item -> array.add(render(item)));
            return array;
        }
        ArrayNode pairs = JSON.createArrayNode();
        ((BDict) value)
                .entries()
                .forEach((key, item) -> pairs.add(
                        JSON.createArrayNode().add(renderBytes(key.toBytes())).add(render(item))));
        ObjectNode dict = JSON.createObjectNode();
        dict.set("__dict_pairs__", pairs);
        return dict;
    }

    private static JsonNode renderBytes(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (text.codePoints().noneMatch(Character::isISOControl)) {
                return JSON.getNodeFactory().textNode(text);
            }
        } catch (CharacterCodingException e) {
            // not UTF-8: rendered as hex below
        }
        return JSON.createObjectNode().put("hex", HexFormat.of().formatHex(bytes));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
