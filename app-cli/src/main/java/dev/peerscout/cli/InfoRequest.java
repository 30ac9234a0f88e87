package dev.peerscout.cli;

import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code info} was asked to show. The magnet link's network options are {@link MagnetMetadata}'s,
 * checked when the swarm is asked.
 */
record InfoRequest(String reference, boolean json, boolean showSecrets, boolean allFiles) {

    InfoRequest {
        Objects.requireNonNull(reference, "picocli requires the reference");
    }

    static void declare(CommandSpec spec, int filesShown) {
        spec.addPositional(Specs.parameter(
                "<torrent-file|magnet>",
                "A .torrent file, '-' for one on standard input, a magnet link, or a bare info hash "
                        + "(40 or 64 hex digits, as a magnet link that names only it)."));
        spec.addOption(Specs.flag(new String[] {"--json"}, "One JSON document on stdout, for scripts."));
        spec.addOption(Specs.flag(new String[] {"--show-secrets"}, "Show tracker passkeys instead of masking them."));
        spec.addOption(
                Specs.flag(new String[] {"--all-files"}, "List every file, not only the first " + filesShown + "."));
    }

    static InfoRequest of(CommandSpec spec) {
        return new InfoRequest(
                spec.positionalParameters().get(0).getValue(),
                Specs.value(spec, "--json"),
                Specs.value(spec, "--show-secrets"),
                Specs.value(spec, "--all-files"));
    }
}
