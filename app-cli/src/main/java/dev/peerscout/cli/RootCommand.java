package dev.peerscout.cli;

import javax.inject.Inject;
import picocli.CommandLine.Model.CommandSpec;

/** {@code peerscout} itself: its subcommands do the work; alone, it shows its usage. */
final class RootCommand implements CliCommand {
    private final CommandSpec spec;

    @Inject
    RootCommand() {
        spec = Specs.command(
                "peerscout",
                this,
                "Finds the peers of a BitTorrent swarm by asking its trackers.",
                Specs.exitCodes(
                        "0:success: peers found, a tracker answered the scrape, the torrent was read, "
                                + "every tracker URL answered",
                        "1:nothing found: no peers, or no tracker answered (trackers: some URL did not)",
                        "2:bad input or usage (one line on stderr)",
                        "3:internal error (details with --verbose)",
                        "4:standard output could not be written (one line on stderr)",
                        "130:interrupted by Ctrl-C, after the goodbyes (143 SIGTERM, 129 SIGHUP)"));
        spec.usageMessage().synopsisSubcommandLabel("(info | peers | scrape | trackers)");
        // Read by Peerscout's error handler from the parse result, in whichever command it was given.
        spec.addOption(Specs.inheritedFlag("--verbose", "Show stack traces of internal errors."));
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }
}
