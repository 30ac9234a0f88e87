package dev.peerscout.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard output that keeps why a write failed: a {@link PrintWriter} only says that one did.
 * A full disk or a closed descriptor is an error the user must hear about; a pipe whose reader
 * went away ({@code peers | head -3}) is no error, and it is how {@code peers} learns to stop.
 *
 * <p>Human text goes out in the locale's charset, with escapes for what it cannot show
 * ({@link EscapingWriter}); JSON and NDJSON are UTF-8 whatever the locale (RFC 8259), so
 * {@code env -i} or cron never turns a name into {@code ?}: see {@link #forScripts}.
 */
final class OutputWriter extends PrintWriter {
    private final Recorder recorder;
    private final boolean pipe;
    /** The bytes underneath, for {@link #forScripts}; null for a writer that has none (tests). */
    private final OutputStream stream;
    /** Set by {@link #forScripts}: what is written is UTF-8 into {@link #stream}. */
    private volatile boolean utf8;

    /** @param pipe the output is a pipe or a socket, where a failed write means the reader has gone */
    OutputWriter(Writer out, boolean pipe) {
        this(new Recorder(out), pipe, null);
    }

    private OutputWriter(Recorder recorder, boolean pipe, OutputStream stream) {
        super(recorder, true);
        this.recorder = recorder;
        this.pipe = pipe;
        this.stream = stream;
    }

    /** {@code out}, writing UTF-8 from now on if it is the process's own standard output. */
    static PrintWriter forScripts(PrintWriter out) {
        if (out instanceof OutputWriter ours && ours.stream != null) {
            synchronized (ours.lock) {
                ours.flush();
                ours.recorder.out = new OutputStreamWriter(ours.stream, StandardCharsets.UTF_8);
                ours.utf8 = true;
            }
        }
        return out;
    }

    /**
     * The UTF-8 bytes underneath {@code out} once it writes for scripts ({@link #forScripts}), for a
     * generator that encodes its own text (a JSON document of 50,000 files, encoded once instead of
     * copied to chars and encoded again); null for any other writer. What was written as text is
     * flushed first. A failed write is this writer's failure ({@link #check} tells of it) and later
     * bytes are dropped, as the writer drops its text.
     */
    static OutputStream utf8Bytes(Writer out) {
        if (out instanceof OutputWriter ours && ours.utf8) {
            ours.flush();
            return ours.new Bytes();
        }
        return null;
    }

    /** The process's standard error: the locale's charset, with escapes for what it cannot show. */
    static PrintWriter stderr(Charset charset) {
        return new PrintWriter(new EscapingWriter(System.err, charset), true);
    }

    /** The process's standard output, written straight to its descriptor so that failures show. */
    static OutputWriter stdout(Charset charset) {
        boolean pipe;
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            pipe = target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            pipe = false;
        }
        OutputStream stream = new FileOutputStream(FileDescriptor.out);
        return new OutputWriter(new Recorder(new EscapingWriter(stream, charset)), pipe, stream);
    }

    /** A write failed because nobody reads the pipe any more. */
    boolean readerGone() {
        return checkError() && pipe;
    }

    /** Why the first failed write failed ({@code No space left on device}), or null if none did. */
    String failure() {
        if (!checkError()) {
            return null;
        }
        IOException first = recorder.first;
        return first == null || first.getMessage() == null ? "write failed" : first.getMessage();
    }

    /**
     * Ends the command with one line and {@link ExitCodes#OUTPUT_ERROR} if a write to {@code out}
     * failed, unless the reader went away ({@code info x | head -3}): that is the reader's choice,
     * as for every Unix tool, and the command ends as usual.
     */
    static void check(PrintWriter out) {
        out.flush();
        if (!out.checkError()) {
            return;
        }
        if (out instanceof OutputWriter ours) {
            if (ours.readerGone()) {
                return;
            }
            throw new OutputError(ours.failure());
        }
        throw new OutputError("write failed");
    }

    /** Standard output could not be written: one line on stderr and its own exit code. */
    static final class OutputError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputError(String reason) {
            super("cannot write to standard output: " + reason, null, false, false);
        }
    }

    /** Bytes straight to {@link #stream}; a failure is recorded as the writer's own. */
    private final class Bytes extends OutputStream {
        private boolean failed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (lock) { // the writer's own lock, as its text takes it
                if (failed) {
                    return;
                }
                try {
                    stream.write(bytes, offset, length);
                } catch (IOException e) {
                    failed = true;
                    recorder.remember(e);
                    setError();
                }
            }
        }
    }

    /** Passes writes through and remembers the first failure. */
    private static final class Recorder extends Writer {
        /** Switched once, under the writer's lock, from human text to UTF-8 ({@link #forScripts}). */
        private volatile Writer out;

        private volatile IOException first;

        Recorder(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            try {
                out.write(chars, offset, length);
            } catch (IOException e) {
                remember(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                remember(e);
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        private void remember(IOException e) {
            if (first == null) {
                first = e;
            }
        }
    }
}
