package dev.peerscout.cli;

import java.nio.charset.Charset;
import picocli.CommandLine;

/** The command-line entry point: everything testable lives in {@link Peerscout}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String[] arguments = ProcessArguments.of(args);
        CommandLine commandLine = DaggerPeerscoutComponent.create().commandLines().forArguments(arguments);
        commandLine.setOut(OutputWriter.stdout(charset("sun.stdout.encoding")));
        commandLine.setErr(OutputWriter.stderr(charset("sun.stderr.encoding")));
        System.exit(Peerscout.run(commandLine, arguments));
    }

    /** The encoding picocli would choose: the JVM's for a terminal, else the locale's. */
    private static Charset charset(String property) {
        String encoding = System.getProperty(property);
        return encoding == null || !Charset.isSupported(encoding) ? Charset.defaultCharset() : Charset.forName(encoding);
    }
}
