package dev.peerscout.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard output that keeps why a write failed: a {@link PrintWriter} only says that one did.
 * A full disk or a closed descriptor is an error the user must hear about; a pipe whose reader
 * went away ({@code peers | head -3}) is how {@code peers} learns to stop.
 */
final class OutputWriter extends PrintWriter {
    private final Recorder recorder;
    private final boolean pipe;

    /** @param pipe the output is a pipe or a socket, where a failed write means the reader has gone */
    OutputWriter(Writer out, boolean pipe) {
        this(new Recorder(out), pipe);
    }

    private OutputWriter(Recorder recorder, boolean pipe) {
        super(recorder, true);
        this.recorder = recorder;
        this.pipe = pipe;
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
        return new OutputWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset), pipe);
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
     * failed, unless the reader going away is an expected end ({@code peers}).
     */
    static void check(PrintWriter out, boolean readerMayLeave) {
        out.flush();
        if (!out.checkError()) {
            return;
        }
        if (out instanceof OutputWriter ours) {
            if (readerMayLeave && ours.readerGone()) {
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

    /** Passes writes through and remembers the first failure. */
    private static final class Recorder extends Writer {
        private final Writer out;
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
