package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peerscout.domain.model.AddressFamily;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The request records check themselves; the first mistake on the command line is the one named. */
class RequestsTest {

    @Test
    void peersNamesTheFirstMistakeInTheOrderTheOptionsWereAlwaysChecked() {
        assertEquals("--port must be 1 to 65535, got 0", peersError("--port", "0", "--timeout", "0", "-4", "-6"));
        assertEquals("-4 and -6 cannot be used together", peersError("--timeout", "0", "-4", "-6"));
        assertEquals(
                "--timeout must be more than 0 and at most 3600 seconds, got 0.0",
                peersError("--timeout", "0", "--max-probes", "-1"));
        assertEquals("--max-probes must not be negative", peersError("--max-probes", "-1"));
        assertEquals("--json and --ndjson cannot be used together", peersError("--json", "--ndjson", "--port", "0"));
    }

    @Test
    void aPeersRequestThatExistsGivesDiscoveryItsOptions() {
        PeersRequest request = PeersRequest.of(parsed(peersSpec(), "x.torrent", "-6", "--numwant", "-1", "--no-stop"));

        var options = request.discovery(new SplittableRandom(1));
        assertEquals(Set.of(AddressFamily.IPV6), options.families());
        assertEquals(-1, options.numWant());
        assertEquals(false, options.sendStopped());
        assertEquals("x.torrent", request.reference());
    }

    @Test
    void scrapeAndTrackersNeedSomethingToAsk() {
        UserError scrape = assertThrows(
                UserError.class,
                () -> new ScrapeRequest(List.of(), NetworkOptions.of(parsed(scrapeSpec())), false, false));
        UserError watch = assertThrows(
                UserError.class,
                () -> new TrackersRequest(
                        List.of("udp://t.example:1"), 15, null, false, false, false, false, 30L, null, false));

        assertEquals(
                "nothing to scrape: name torrents, magnet links or info hashes (or --from FILE)", scrape.getMessage());
        assertEquals(
                "--watch must be at least 60 seconds, to stay polite to the trackers (or name a real swarm with "
                        + "--info-hash)",
                watch.getMessage());
    }

    private static String peersError(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "x.torrent";
        System.arraycopy(options, 0, args, 1, options.length);
        CommandSpec spec = parsed(peersSpec(), args);
        return assertThrows(UserError.class, () -> PeersRequest.of(spec)).getMessage();
    }

    private static CommandSpec peersSpec() {
        CommandSpec spec = CommandSpec.create();
        PeersRequest.declare(spec);
        return spec;
    }

    private static CommandSpec scrapeSpec() {
        CommandSpec spec = CommandSpec.create();
        ScrapeRequest.declare(spec);
        return spec;
    }

    private static CommandSpec parsed(CommandSpec spec, String... args) {
        new CommandLine(spec).parseArgs(args);
        return spec;
    }
}
