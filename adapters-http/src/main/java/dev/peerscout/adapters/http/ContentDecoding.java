package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.TrackerFailure;
import io.vavr.control.Either;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Undoes the {@code Content-Encoding} we asked for ({@code gzip}) with the same limit as the raw
 * body, so a small gzip bomb cannot expand past it.
 */
final class ContentDecoding {
    private ContentDecoding() {}

    static Either<TrackerFailure, byte[]> decode(String contentEncoding, byte[] body, int limit) {
        String encoding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return Either.right(body);
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            return Either.left(new TrackerFailure.Malformed("unsupported Content-Encoding " + encoding, 1));
        }
        BoundedBuffer out = new BoundedBuffer(limit);
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                if (!out.append(chunk, 0, read)) {
                    return Either.left(new TrackerFailure.Malformed(
                            "body larger than " + ByteSizes.text(limit) + " after gzip decompression", 1));
                }
            }
        } catch (IOException e) {
            return Either.left(new TrackerFailure.Malformed("corrupt gzip body: " + e.getMessage(), 1));
        }
        return Either.right(out.toBytes());
    }
}
