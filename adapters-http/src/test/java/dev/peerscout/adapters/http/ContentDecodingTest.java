package dev.peerscout.adapters.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.TrackerFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecodingTest {
    private static final byte[] BODY = "d8:intervali60ee".getBytes(StandardCharsets.US_ASCII);

    @Test
    void identityAndNoEncodingPassThrough() {
        assertArrayEquals(BODY, ContentDecoding.decode("", BODY, 100).get());
        assertArrayEquals(BODY, ContentDecoding.decode("identity", BODY, 100).get());
    }

    @Test
    void gzipIsUndoneInAnyCase() throws IOException {
        assertArrayEquals(BODY, ContentDecoding.decode("GZip", gzip(BODY), 100).get());
        assertArrayEquals(
                BODY, ContentDecoding.decode("x-gzip", gzip(BODY), 100).get());
    }

    @Test
    void decompressionStopsAtTheLimit() throws IOException {
        assertArrayEquals(
                BODY, ContentDecoding.decode("gzip", gzip(BODY), BODY.length).get(), "exactly the limit is fine");
        assertEquals(
                new TrackerFailure.Malformed("body larger than 15 bytes after gzip decompression", 1),
                ContentDecoding.decode("gzip", gzip(BODY), BODY.length - 1).getLeft());
        assertEquals(
                new TrackerFailure.Malformed("body larger than 1 MiB after gzip decompression", 1),
                ContentDecoding.decode("gzip", gzip(new byte[50 * 1024 * 1024]), 1024 * 1024)
                        .getLeft());
    }

    @Test
    void corruptGzipAndUnknownEncodingsAreMalformed() {
        assertTrue(ContentDecoding.decode("gzip", BODY, 100)
                .getLeft()
                .message()
                .startsWith("malformed answer: corrupt gzip body"));
        assertEquals(
                new TrackerFailure.Malformed("unsupported Content-Encoding br", 1),
                ContentDecoding.decode("br", BODY, 100).getLeft());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
