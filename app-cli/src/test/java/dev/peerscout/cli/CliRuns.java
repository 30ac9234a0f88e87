package dev.peerscout.cli;

import java.util.List;

/** Runs the production command line (the real Dagger component) in-process, for end-to-end tests. */
public final class CliRuns {
    private CliRuns() {}

    /** One run's exit code and output. */
    public record Run(int exitCode, String out, String err) {
        public List<String> outLines() {
            return out.lines().toList();
        }

        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    public static Run production(String... args) {
        PeerscoutComponent component = DaggerPeerscoutComponent.create();
        try (Resources resources = component.resources()) {
            CliRun run = CliRun.of(component.commandLines().forArguments(args), args);
            return new Run(run.exitCode(), run.out(), run.err());
        }
    }
}
