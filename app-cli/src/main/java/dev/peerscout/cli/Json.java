package dev.peerscout.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;

/** JSON for scripts, written with Jackson's streaming generator (never by hand). */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {}

    /** A generator that leaves {@code out} open, pretty-printed for a document or compact for a line. */
    static JsonGenerator generator(Writer out, boolean pretty) {
        try {
            // Standard output for scripts takes the generator's own UTF-8 (OutputWriter#utf8Bytes).
            OutputStream bytes = OutputWriter.utf8Bytes(out);
            JsonGenerator generator =
                    bytes != null ? FACTORY.createGenerator(bytes, JsonEncoding.UTF8) : FACTORY.createGenerator(out);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return pretty ? generator.useDefaultPrettyPrinter() : generator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writing to a PrintWriter never really throws; this keeps lambdas free of checked exceptions. */
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static void write(Writer out, boolean pretty, Body body) {
        try (JsonGenerator json = generator(out, pretty)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
