package dev.peerscout.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * stdout or stderr of the real process: human text in the locale's charset with escapes for what
 * it cannot show ({@link EscapingWriter}); switched to UTF-8 for JSON and NDJSON, which are UTF-8
 * whatever the locale (RFC 8259), so {@code env -i} or cron never turns a name into {@code ?}.
 * Errors show in {@link PrintWriter#checkError()} (picocli's own writer hides them, and
 * {@code peers} stops when its reader has gone).
 */
final class ConsoleOut extends PrintWriter {
    private final OutputStream stream;

    private ConsoleOut(OutputStream stream, Charset charset) {
        super(new EscapingWriter(stream, charset), true);
        this.stream = stream;
    }

    /** {@code property}: the JVM's {@code sun.stdout.encoding} or {@code sun.stderr.encoding}, set for a terminal. */
    static ConsoleOut of(OutputStream stream, String property) {
        String encoding = System.getProperty(property);
        Charset charset = encoding == null || !Charset.isSupported(encoding) ? Charset.defaultCharset() : Charset.forName(encoding);
        return new ConsoleOut(stream, charset);
    }

    /** {@code out}, writing UTF-8 from now on if it is the process's own stream (a test's writer has no bytes). */
    static PrintWriter forScripts(PrintWriter out) {
        if (out instanceof ConsoleOut console) {
            synchronized (console.lock) {
                console.flush();
                console.out = new OutputStreamWriter(console.stream, StandardCharsets.UTF_8);
            }
        }
        return out;
    }
}
