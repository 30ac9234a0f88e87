package dev.peerscout.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PercentEncodingTest {
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    @Test
    void everyByteValueIsLiteralWhenUnreservedAndUpperCasePercentHexOtherwise() {
        for (int b = 0; b < 256; b++) {
            String encoded = PercentEncoding.encode(new byte[] {(byte) b});
            String expected = UNRESERVED.indexOf(b) >= 0 ? String.valueOf((char) b) : String.format("%%%02X", b);
            assertEquals(expected, encoded, "byte 0x" + Integer.toHexString(b));
        }
    }

    @Test
    void allByteValuesTogetherNeverUsePlusAndDecodeBackExactly() {
        byte[] all = new byte[256];
        for (int b = 0; b < 256; b++) {
            all[b] = (byte) b;
        }
        String encoded = PercentEncoding.encode(all);

        assertFalse(encoded.contains("+"), encoded);
        assertEquals(UNRESERVED.length() + 3 * (256 - UNRESERVED.length()), encoded.length());
        assertEquals(HexFormat.of().formatHex(all), HexFormat.of().formatHex(percentDecode(encoded)));
    }

    static Stream<JsonNode> percentVectors() {
        return Vectors.elements(Vectors.httpTracker().get("percent_encoding")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("percentVectors")
    void sharedVectorsEncodeExactly(JsonNode vector) {
        byte[] bytes = HexFormat.of().parseHex(vector.get("bytes_hex").asText());

        assertEquals(vector.get("encoded").asText(), PercentEncoding.encode(bytes));
    }

    private static byte[] percentDecode(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
