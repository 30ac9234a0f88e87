package dev.peerscout.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Provider;
import picocli.CommandLine;

/**
 * The command line for one run. Building a command's spec costs start-up time, so a run that
 * names its subcommand gets the root and that subcommand only; anything else (help, no
 * arguments, a typo) gets them all, for the full usage and for picocli's suggestions.
 */
final class CommandLines {
    private final Provider<RootCommand> root;
    /** In the order the usage lists them. */
    private final Map<String, Provider<? extends CliCommand>> subcommands = new LinkedHashMap<>();

    @Inject
    CommandLines(
            Provider<RootCommand> root,
            Provider<InfoCommand> info,
            Provider<PeersCommand> peers,
            Provider<ScrapeCommand> scrape,
            Provider<TrackersCommand> trackers) {
        this.root = root;
        subcommands.put("info", info);
        subcommands.put("peers", peers);
        subcommands.put("scrape", scrape);
        subcommands.put("trackers", trackers);
    }

    CommandLine forArguments(String... args) {
        CommandLine line = new CommandLine(root.get().spec());
        Provider<? extends CliCommand> named = subcommands.get(firstWord(args));
        if (named != null) {
            line.addSubcommand(named.get().spec());
        } else {
            for (Provider<? extends CliCommand> subcommand : subcommands.values()) {
                line.addSubcommand(subcommand.get().spec());
            }
        }
        return line;
    }

    /** The root's own options take no values, so the first word that is not an option names the subcommand. */
    private static String firstWord(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }
}
