package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.TorrentError;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerClient;
import io.vavr.control.Either;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the subcommand a run names is built; help and mistakes see every subcommand. */
class CommandLinesTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final CommandLines lines = DaggerTestComponent.factory()
            .create(
                    clock,
                    new FakeTrackerClient(clock),
                    reference -> Either.left(new TorrentError.Unreadable(reference, "unused")))
            .commandLines();

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertEquals(List.of("info"), subcommands("info", "--json", "x.torrent"));
        assertEquals(List.of("peers"), subcommands("--verbose", "peers", "x.torrent"));
        assertEquals(List.of("scrape"), subcommands("scrape", "--help"));
    }

    @Test
    void helpNoArgumentsAndTyposGetThemAll() {
        List<String> all = List.of("info", "peers", "scrape", "trackers");
        assertEquals(all, subcommands("--help"));
        assertEquals(all, subcommands());
        assertEquals(all, subcommands("peer", "x.torrent"));
    }

    @Test
    void aTypoIsStillAnsweredWithPicocliSuggestion() {
        CliRun run = CliRun.of(lines.forArguments("peer", "x.torrent"), "peer", "x.torrent");

        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals(
                List.of(
                        "peerscout: Unmatched arguments from index 0: 'peer', 'x.torrent'; did you mean peers or scrape or trackers?"
                                + " (see 'peerscout --help')"),
                run.errLines());
    }

    @Test
    void theSpecsWrittenInCodeGiveTheUsualHelp() {
        CliRun root = CliRun.of(lines.forArguments("--help"), "--help");
        CliRun info = CliRun.of(lines.forArguments("info", "--help"), "info", "--help");

        assertEquals(0, root.exitCode());
        assertEquals(
                "Usage: peerscout [-hV] [--verbose] (info | peers | scrape | trackers)",
                root.outLines().get(0));
        assertTrue(root.out().contains("  3     internal error (details with --verbose)"), root.out());
        assertEquals(
                "Usage: peerscout info [-46hV] [--all-files] [--json] [--no-dht] [--offline]",
                info.outLines().get(0));
        assertTrue(info.out().contains("[--tracker=URL]..."), info.out());
        assertEquals("<torrent-file|magnet>", info.outLines().get(4).strip());
        assertTrue(info.out().contains("  -V, --version           Print version information and exit."), info.out());
        assertTrue(
                info.out()
                        .contains(
                                "%nExit codes:%n  0   the torrent was read (for a magnet link: verified metadata was obtained)%n"
                                        .formatted()),
                info.out());
    }

    @Test
    void flagsWrittenInCodeTakeAnExplicitValueAsAnnotatedOnesDo() {
        // picocli lets a boolean option say --json=false; the specs written in code must too.
        CliRun run =
                CliRun.of(lines.forArguments("info", "--json=false", "x.torrent"), "info", "--json=false", "x.torrent");

        assertEquals(List.of("peerscout: x.torrent: unused"), run.errLines());
    }

    @Test
    void infoNeedsItsTorrent() {
        CliRun run = CliRun.of(lines.forArguments("info", "--json"), "info", "--json");

        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals(
                List.of("peerscout: Missing required parameter: '<torrent-file|magnet>' (see 'peerscout info --help')"),
                run.errLines());
    }

    private List<String> subcommands(String... args) {
        return List.copyOf(lines.forArguments(args).getSubcommands().keySet());
    }
}
