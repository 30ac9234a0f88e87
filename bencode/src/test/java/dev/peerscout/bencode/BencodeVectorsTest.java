package dev.peerscout.bencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.Type;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 46 vectors of {@code corpus/vectors/bencode-vectors.json} against the decoder, and against
 * bencode-java as a second, independent decoder. The decoder follows the grammar
 * ({@code decodes_grammatically}), not libtorrent's quirks: it reads {@code i-9223372036854775808e}
 * and {@code i18446744073709551616e} as written (libtorrent yields 0) and accepts 100 nested lists
 * (its limit is "deeper than 100"; libtorrent's bdecode stops at 100).
 */
class BencodeVectorsTest {
    private static final BigInteger JSON_SAFE = BigInteger.TWO.pow(53);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BencodeDecoder decoder = new BencodeDecoder(100, 1_000_000);

    static Stream<Arguments> vectors() {
        JsonNode vectors = SharedVectors.bencode();
        return StreamSupport.stream(vectors.spliterator(), false)
                .map(vector -> Arguments.of(vector.get("id").asText(), vector));
    }

    @Test
    void allVectorsAreThere() {
        assertEquals(46, vectors().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decoderFollowsTheGrammar(String id, JsonNode vector) {
        byte[] input = HexFormat.of().parseHex(vector.get("hex").asText());
        if (!vector.get("decodes_grammatically").asBoolean()) {
            BencodeException error = assertThrows(BencodeException.class, () -> decoder.decode(input));
            assertTrue(error.getMessage().startsWith("invalid bencoding at byte "), error.getMessage());
            assertTrue(error.offset() >= 0 && error.offset() <= input.length);
            return;
        }
        BencodeDocument document = decoder.decode(input);
        assertEquals(vector.get("value").toString(), render(document.root()).toString(), "value");
        int trailing =
                vector.has("trailing_bytes") ? vector.get("trailing_bytes").asInt() : 0;
        assertEquals(trailing, document.trailingBytes(), "trailing bytes");
        boolean canonical = CanonicalBencode.firstViolation(document.root()).isEmpty() && trailing == 0;
        assertEquals(vector.get("canonical_valid").asBoolean(), canonical, "canonical");
    }

    /** Canonical vectors within bencode-java's range: no ints beyond 2^53, no 100-deep recursion. */
    static Stream<Arguments> canonicalVectors() {
        return vectors().filter(arguments -> {
            JsonNode vector = (JsonNode) arguments.get()[1];
            return vector.get("canonical_valid").asBoolean()
                    && !vector.get("value").toString().contains("bigint")
                    && !vector.get("id").asText().startsWith("deep-nesting");
        });
    }

    @Test
    void bencodeJavaIsComparedOnEnoughVectors() {
        assertTrue(
                canonicalVectors().count() >= 15,
                "canonical vectors: " + canonicalVectors().count());
    }

    /** bencode-java, a second and independent decoder, must read them exactly as the decoder does. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalVectors")
    void bencodeJavaReadsCanonicalVectorsTheSame(String id, JsonNode vector) {
        byte[] input = HexFormat.of().parseHex(vector.get("hex").asText());
        // Latin-1 keeps each key byte as one char, so keys compare as bytes.
        Bencode bencodeJava = new Bencode(StandardCharsets.ISO_8859_1, true);
        Type<?> type = bencodeJava.type(input);
        Object theirs = bencodeJava.decode(input, type);
        BencodeNode ours = decoder.decode(input).root();
        if (type == Type.STRING) {
            // bencode-java hands a top-level string back as text even with useBytes.
            assertEquals(theirs, new String(ours.bytes(), StandardCharsets.ISO_8859_1));
        } else {
            assertEquals(theirs, plain(ours));
        }
    }

    /** The vectors' JSON rendering: text if printable UTF-8, else hex; dicts as ordered pairs. */
    private static JsonNode render(BencodeNode node) {
        switch (node.kind()) {
            case INTEGER:
                BigInteger value = new BigInteger(node.integerText());
                return value.abs().compareTo(JSON_SAFE) > 0
                        ? NODES.objectNode().put("bigint", value.toString())
                        : NODES.numberNode(value.longValueExact());
            case STRING:
                return renderString(node.bytes());
            case LIST:
                ArrayNode list = NODES.arrayNode();
                node.elements().forEach(element -> list.add(render(element)));
                return list;
            default:
                ArrayNode pairs = NODES.arrayNode();
                node.entries()
                        .forEach(entry -> pairs.add(
                                NODES.arrayNode().add(render(entry.key())).add(render(entry.value()))));
                return NODES.objectNode().set("__dict_pairs__", pairs);
        }
    }

    private static JsonNode renderString(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (text.codePoints().noneMatch(Character::isISOControl)) {
                return NODES.textNode(text);
            }
        } catch (CharacterCodingException notUtf8) {
            // fall through to hex
        }
        return NODES.objectNode().put("hex", HexFormat.of().formatHex(bytes));
    }

    /** The value as bencode-java models it with {@code useBytes}: Long, ByteBuffer, List, Map. */
    private static Object plain(BencodeNode node) {
        switch (node.kind()) {
            case INTEGER:
                return node.longValue();
            case STRING:
                return ByteBuffer.wrap(node.bytes());
            case LIST:
                List<Object> list = new ArrayList<>();
                node.elements().forEach(element -> list.add(plain(element)));
                return list;
            default:
                Map<String, Object> map = new LinkedHashMap<>();
                node.entries()
                        .forEach(entry -> map.put(
                                new String(entry.key().bytes(), StandardCharsets.ISO_8859_1), plain(entry.value())));
                return map;
        }
    }
}
