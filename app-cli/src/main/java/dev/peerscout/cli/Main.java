package dev.peerscout.cli;

/** The command-line entry point: everything testable lives in {@link Peerscout}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Peerscout.run(DaggerPeerscoutComponent.create().commandLines().forArguments(args), args));
    }
}
