package dev.peerscout.cli;

import picocli.CommandLine;

/** The command-line entry point: everything testable lives in {@link Peerscout}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String[] arguments = ProcessArguments.of(args);
        CommandLine commandLine = DaggerPeerscoutComponent.create().commandLines().forArguments(arguments);
        commandLine.setOut(ConsoleOut.of(System.out, "sun.stdout.encoding"));
        commandLine.setErr(ConsoleOut.of(System.err, "sun.stderr.encoding"));
        System.exit(Peerscout.run(commandLine, arguments));
    }
}
