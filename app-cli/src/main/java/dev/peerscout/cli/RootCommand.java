package dev.peerscout.cli;

import java.util.concurrent.Callable;
import javax.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
        name = "peerscout",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Finds the peers of a BitTorrent swarm by asking its trackers.",
        synopsisSubcommandLabel = "(info | peers | scrape)",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success: peers found, a tracker answered the scrape, the torrent was read",
            "1:nothing found: no peers, or no tracker answered",
            "2:bad input or usage (one line on stderr)",
            "3:internal error (details with --verbose)"})
final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of internal errors.")
    boolean verbose;

    @Inject
    RootCommand() {}

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }
}
