package dev.peerscout.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;

/** The command-line entry point: everything testable lives in {@link Peerscout}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CommandLine commandLine = DaggerPeerscoutComponent.create().commandLines().forArguments(args);
        commandLine.setOut(stdout());
        System.exit(Peerscout.run(commandLine, args));
    }

    /**
     * Standard output in the encoding picocli would choose, written so that a failed write shows,
     * with its reason: picocli's own writer wraps System.out in a way that hides the error, a
     * full disk must be reported, and {@code peers} stops when its reader has gone.
     */
    private static PrintWriter stdout() {
        String encoding = System.getProperty("sun.stdout.encoding");
        Charset charset = encoding == null || !Charset.isSupported(encoding) ? Charset.defaultCharset() : Charset.forName(encoding);
        return OutputWriter.stdout(charset);
    }
}
