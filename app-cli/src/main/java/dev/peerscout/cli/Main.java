package dev.peerscout.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;

/** The command-line entry point: everything testable lives in {@link Peerscout}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PeerscoutComponent component = DaggerPeerscoutComponent.create();
        Resources resources = component.resources();
        // A run ended by a signal exits through the shutdown hooks: close there too.
        Runtime.getRuntime().addShutdownHook(new Thread(resources, "peerscout-close"));
        int exitCode;
        try {
            CommandLine commandLine = component.commandLines().forArguments(args);
            commandLine.setOut(stdout());
            exitCode = Peerscout.run(commandLine, args);
        } finally {
            // Before the exit, not in the hook alone: the work is done, and the exit should not wait for our threads.
            resources.close();
        }
        System.exit(exitCode);
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
