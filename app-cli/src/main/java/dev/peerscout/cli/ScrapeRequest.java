package dev.peerscout.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code scrape} was asked, checked when it is made: at least one reference (named, or read
 * from {@code --from}), and the network options.
 */
record ScrapeRequest(List<String> references, NetworkOptions network, boolean json, boolean quiet) {

    ScrapeRequest {
        references = List.copyOf(references);
        if (references.isEmpty()) {
            throw new UserError("nothing to scrape: name torrents, magnet links or info hashes (or --from FILE)");
        }
        network.timeout();
        network.extraTrackers();
    }

    static void declare(CommandSpec spec) {
        spec.addPositional(Specs.parameters(
                "<torrent-file|magnet|info-hash>",
                "Torrents to scrape: .torrent files, magnet links, or bare info hashes (40 or 64 hex digits)."));
        spec.addOption(Specs.typed(
                "--from", "FILE", String.class, null, "Read more references from FILE, one per line ('-' for stdin)."));
        NetworkOptions.declare(spec);
        spec.addOption(Specs.flag(new String[] {"--json"}, "One JSON document on stdout."));
        spec.addOption(Specs.flag(
                new String[] {"-q", "--quiet"}, "No status line on stderr; errors and the summary line stay."));
    }

    /** The request a parsed spec of {@code scrape} holds; {@code --from} is read here. */
    static ScrapeRequest of(CommandSpec spec, ReferenceList lists) {
        List<String> all = new ArrayList<>(Specs.parameterValues(spec));
        all.addAll(lists.read(Specs.value(spec, "--from")));
        return new ScrapeRequest(
                all, NetworkOptions.of(spec), Specs.value(spec, "--json"), Specs.value(spec, "--quiet"));
    }

    boolean showSecrets() {
        return network.showSecrets;
    }
}
