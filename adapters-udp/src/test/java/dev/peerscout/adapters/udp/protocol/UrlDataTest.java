package dev.peerscout.adapters.udp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlDataTest {

    @Test
    void anEmptyPathSendsNoOption() {
        assertArrayEquals(new byte[0], UrlData.encode(""));
    }

    @Test
    void theExampleFromBep41() {
        byte[] expected = ByteBuffer.allocate(14)
                .put((byte) 2)
                .put((byte) 12)
                .put("/dir?a=b&c=d".getBytes())
                .array();

        assertArrayEquals(expected, UrlData.encode("/dir?a=b&c=d"));
    }

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({"1, 1", "254, 254", "255, 255", "256, 255 1", "510, 255 255", "511, 255 255 1"})
    void chunksAreAtMost255Bytes(int length, String chunkLengths) {
        String path = "/" + "p".repeat(length - 1);
        byte[] encoded = UrlData.encode(path);

        StringBuilder seen = new StringBuilder();
        for (int at = 0; at < encoded.length; at += 2 + Byte.toUnsignedInt(encoded[at + 1])) {
            assertEquals(UrlData.URL_DATA, encoded[at]);
            seen.append(seen.length() == 0 ? "" : " ").append(Byte.toUnsignedInt(encoded[at + 1]));
        }
        assertEquals(chunkLengths, seen.toString());
        assertEquals(path, UrlData.decode(ByteBuffer.wrap(encoded), 0).get());
    }
}
