package dev.peerscout.cli;

import java.nio.charset.Charset;
import picocli.CommandLine;

/** The command-line entry point: everything testable lives in {@link Peerscout}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        SecurityProviders.loadInBackground();
        PeerscoutComponent component = DaggerPeerscoutComponent.create();
        Resources resources = component.resources();
        // A run ended by a signal exits through the shutdown hooks: close there too.
        Runtime.getRuntime().addShutdownHook(new Thread(resources, "peerscout-close"));
        int exitCode;
        try {
            String[] arguments = ProcessArguments.of(args);
            CommandLine commandLine = component.commandLines().forArguments(arguments);
            commandLine.setOut(OutputWriter.stdout(charset("sun.stdout.encoding")));
            commandLine.setErr(OutputWriter.stderr(charset("sun.stderr.encoding")));
            exitCode = Peerscout.run(commandLine, arguments);
        } finally {
            // Before the exit, not in the hook alone: the work is done, and the exit should not wait for our threads.
            resources.close();
        }
        exit(exitCode);
    }

    /**
     * Ends the process with {@code code} once the run is over: everything it opened is closed and its
     * output written, so the JVM's shutdown hooks have nothing left to do for it. Not
     * {@code System.exit}: since JDK 21 that looks up a logger for the exit first (the logging
     * services on the class path, ~8 ms of a small command).
     */
    private static void exit(int code) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /** The encoding picocli would choose: the JVM's for a terminal, else the locale's. */
    private static Charset charset(String property) {
        String encoding = System.getProperty(property);
        return encoding == null || !Charset.isSupported(encoding)
                ? Charset.defaultCharset()
                : Charset.forName(encoding);
    }
}
