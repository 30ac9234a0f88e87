package dev.peerscout.cli;

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
            String[] arguments = ProcessArguments.of(args);
            CommandLine commandLine = component.commandLines().forArguments(arguments);
            commandLine.setOut(OutputWriter.stdout(charset("sun.stdout.encoding")));
            commandLine.setErr(OutputWriter.stderr(charset("sun.stderr.encoding")));
            exitCode = Peerscout.run(commandLine, arguments);
        } finally {
            // Before the exit, not in the hook alone: the work is done, and the exit should not wait for our threads.
            resources.close();
        }
        System.exit(exitCode);
    }

    /** The encoding picocli would choose: the JVM's for a terminal, else the locale's. */
    private static Charset charset(String property) {
        String encoding = System.getProperty(property);
        return encoding == null || !Charset.isSupported(encoding)
                ? Charset.defaultCharset()
                : Charset.forName(encoding);
    }
}
