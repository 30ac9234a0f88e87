package dev.peerscout.cli.ends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.cli.CliRuns;
import dev.peerscout.domain.testing.Fixtures;
import java.io.File;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way a run can end leaves nothing behind and says what happened: signals, early stops and
 * failed writes, against an in-test UDP and HTTP tracker that log every announce (a third never
 * answers, so discovery is still running when the signal comes). Signals and exit codes are the
 * process's, so most of these run peerscout in a child JVM.
 */
class ProcessEndsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUMMARY = "found 2 peers; 2 of 3 trackers answered in ";

    private static LoggingTrackers trackers;

    @BeforeAll
    static void startTrackers() throws Exception {
        trackers = new LoggingTrackers();
    }

    @AfterAll
    static void stopTrackers() {
        trackers.close();
    }

    @ParameterizedTest(name = "SIG{0} with {2}")
    @CsvSource({"INT, 130, --json", "TERM, 143, --ndjson", "HUP, 129, --json"})
    void aSignalEndsDiscoveryLikeTheDeadlineGoodbyesAndOutputIncluded(String signal, int exitCode, String format)
            throws Exception {
        String hash = Fixtures.anyInfoHash().hex();
        try (ChildCli cli = ChildCli.start("peers", magnet(hash), "--no-dht", "--timeout", "60", format)) {
            awaitBothAnswers(cli);

            cli.signal(signal);

            assertEquals(exitCode, cli.exitCode());
            assertStartedThenStopped(trackers.udpEvents(hash), "the UDP tracker heard our goodbye");
            assertEquals(
                    List.of("started", "stopped"), trackers.httpEvents(hash), "the HTTP tracker heard our goodbye");
            List<String> err = cli.errLinesAtEnd();
            String summary = err.get(err.size() - 1);
            assertTrue(summary.startsWith(SUMMARY) && summary.endsWith(" (interrupted)"), String.join("\n", err));
            assertTrue(
                    err.stream()
                            .anyMatch(line -> line.startsWith("tracker " + trackers.silentUrl())
                                    && line.contains("skipped: interrupted")),
                    String.join("\n", err));
            if (format.equals("--json")) {
                JsonNode doc = JSON.readTree(cli.out());
                assertTrue(doc.get("interrupted").asBoolean(), cli.out());
                assertEquals(Set.of(LoggingTrackers.UDP_PEER, LoggingTrackers.HTTP_PEER), peers(doc.get("peers")));
            } else {
                List<String> lines = cli.out().lines().toList();
                JsonNode done = JSON.readTree(lines.get(lines.size() - 1));
                assertEquals("done", done.get("event").asText());
                assertTrue(done.get("interrupted").asBoolean(), cli.out());
                assertEquals(2, done.get("peers").asInt());
            }
        }
    }

    @Test
    void scrapePrintsEachTrackerTheMomentItAnswersAndCtrlCEndsItWithWhatItHas() throws Exception {
        String hash = Fixtures.anyInfoHash().hex();
        try (ChildCli cli = ChildCli.start(
                "scrape", hash, "--tracker", trackers.udpUrl(), "--tracker", trackers.silentUrl(), "--timeout", "60")) {
            cli.awaitOutLine(
                    line -> line.startsWith("  " + hash + "         1         0         0"),
                    "with the answering tracker's counts, long before the deadline");

            cli.signal("INT");

            assertEquals(130, cli.exitCode());
            assertTrue(cli.out().contains(trackers.silentUrl() + ": skipped: interrupted"), cli.out());
            List<String> err = cli.errLinesAtEnd();
            String summary = err.get(err.size() - 1);
            assertTrue(
                    summary.startsWith("1 of 2 trackers answered in ") && summary.endsWith(" (interrupted)"),
                    String.join("\n", err));
        }
    }

    @Test
    void scrapeJsonOnSigtermHoldsTheAnswersSoFar() throws Exception {
        String hash = Fixtures.anyInfoHash().hex();
        try (ChildCli cli = ChildCli.start(
                "scrape",
                hash,
                "--tracker",
                trackers.udpUrl(),
                "--tracker",
                trackers.silentUrl(),
                "--timeout",
                "60",
                "--json")) {
            trackers.scraped(hash).get(30, TimeUnit.SECONDS);

            cli.signal("TERM");

            assertEquals(143, cli.exitCode());
            JsonNode doc = JSON.readTree(cli.out());
            assertTrue(doc.get("interrupted").asBoolean(), cli.out());
            assertEquals("skipped", doc.at("/trackers/1/status").asText(), cli.out());
        }
    }

    @Test
    void aSecondCtrlCEndsAtOnceWithoutWaitingForTheGoodbyes() throws Exception {
        String hash = Fixtures.anyInfoHash().hex();
        trackers.holdStopped(hash);
        try (ChildCli cli = ChildCli.start("peers", magnet(hash), "--no-dht", "--timeout", "60", "--json")) {
            awaitBothAnswers(cli);
            cli.signal("INT");
            cli.awaitErrLine(line -> line.startsWith("interrupted: saying goodbye"), "saying that it says goodbye");

            cli.signal("INT");

            assertEquals(130, cli.exitCode());
            List<String> err = cli.errLinesAtEnd();
            assertFalse(
                    err.stream().anyMatch(line -> line.startsWith("found ")),
                    "it did not wait out the goodbye that is never answered: " + err);
            assertEquals("", cli.out(), "ended at once: no document");
        }
    }

    @Test
    void aTrackerThatHadNotAnsweredWhenEnoughPeersWereFoundStillHearsStopped() {
        String hash = Fixtures.anyInfoHash().hex();
        trackers.holdStarted(hash);
        trackers.udpAnswersAfterHttp(hash);

        CliRuns.Run run = CliRuns.production(
                "peers",
                LoggingTrackers.magnet(hash, trackers.udpUrl(), trackers.httpUrl()),
                "--no-dht",
                "--timeout",
                "30",
                "--min-peers",
                "1");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(LoggingTrackers.UDP_PEER), run.outLines());
        assertEquals(
                List.of("started", "stopped"),
                trackers.httpEvents(hash),
                "the tracker that had our started but had not answered hears stopped: no ghost");
        assertStartedThenStopped(trackers.udpEvents(hash), "the UDP tracker that answered heard our goodbye");
    }

    @Test
    void ctrlCDuringTrackersSaysStoppedWhereStartedMayHaveArrivedAndPrintsWhatItHas() throws Exception {
        String hash = Fixtures.anyInfoHash().hex();
        trackers.holdStarted(hash);
        try (ChildCli cli = ChildCli.start(
                "trackers", trackers.udpUrl(), trackers.httpUrl(), "--info-hash", hash, "--timeout", "60")) {
            trackers.heard("http", hash, "started").get(30, TimeUnit.SECONDS);
            trackers.heard("udp", hash, "stopped").get(30, TimeUnit.SECONDS);

            cli.signal("INT");

            assertEquals(130, cli.exitCode());
            assertEquals(
                    List.of("started", "stopped"),
                    trackers.httpEvents(hash),
                    "the tracker whose answer to started was still on its way hears stopped: no ghost");
            assertStartedThenStopped(trackers.udpEvents(hash), "the UDP tracker that answered heard its goodbye");
            List<String> out = cli.out().lines().toList();
            assertTrue(
                    out.stream().anyMatch(line -> line.startsWith("ok ") && line.contains(trackers.udpUrl())),
                    cli.out());
            assertTrue(
                    out.stream().anyMatch(line -> line.startsWith("skipped ") && line.contains(trackers.httpUrl())),
                    cli.out());
            List<String> err = cli.errLinesAtEnd();
            String summary = err.get(err.size() - 1);
            assertTrue(
                    summary.startsWith("1 of 2 tracker URLs answered (1 of 2 addresses) in ")
                            && summary.endsWith(" (interrupted)"),
                    String.join("\n", err));
        }
    }

    @Test
    void aUdpTrackerSkippedAfterAConnectAndAnAnnounceReportsTwoRequests() throws Exception {
        String hash = Fixtures.anyInfoHash().hex();
        trackers.udpHoldsStarted(hash);
        trackers.httpAnswersAfterUdp(hash);

        CliRuns.Run run = CliRuns.production(
                "peers",
                LoggingTrackers.magnet(hash, trackers.udpUrl(), trackers.httpUrl()),
                "--no-dht",
                "--timeout",
                "30",
                "--min-peers",
                "1");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(LoggingTrackers.HTTP_PEER), run.outLines());
        String skipped = run.err()
                .lines()
                .filter(l -> l.startsWith("tracker " + trackers.udpUrl()))
                .findFirst()
                .orElseThrow();
        assertTrue(
                skipped.contains(": skipped: ") && skipped.contains(", 2 requests, "),
                "a connect and an announce went out: " + skipped);
    }

    @Test
    void aSkippedTrackersRequestsInJsonAreThoseItWasSent() throws Exception {
        String hash = Fixtures.anyInfoHash().hex();
        trackers.udpHoldsStarted(hash);
        trackers.httpAnswersAfterUdp(hash);

        CliRuns.Run run = CliRuns.production(
                "peers",
                LoggingTrackers.magnet(hash, trackers.udpUrl(), trackers.httpUrl()),
                "--no-dht",
                "--timeout",
                "30",
                "--min-peers",
                "1",
                "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode udp = null;
        for (JsonNode tracker : new ObjectMapper().readTree(run.out()).get("trackers")) {
            if (tracker.get("url").asText().equals(trackers.udpUrl())) {
                udp = tracker;
            }
        }
        assertEquals("skipped", udp.get("status").asText(), udp.toString());
        assertEquals(2, udp.get("attempts").asInt(), "a connect and an announce: " + udp);
    }

    @Test
    void infoToAFullDiskIsOneLineAndExitCodeFour() throws Exception {
        String hash = Fixtures.anyInfoHash().hex();
        for (String format : List.of("--json", "--all-files")) {
            try (ChildCli cli =
                    ChildCli.startWritingTo(new File("/dev/full"), "info", "--offline", magnet(hash), format)) {
                assertEquals(4, cli.exitCode(), format);
                List<String> err = cli.errLinesAtEnd();
                assertEquals(1, err.size(), String.join("\n", err));
                assertTrue(err.get(0).startsWith("peerscout: cannot write to standard output: "), err.get(0));
            }
        }
    }

    @Test
    void peersJsonToAFullDiskSaysSoAfterItsGoodbyes() throws Exception {
        String hash = Fixtures.anyInfoHash().hex();
        try (ChildCli cli = ChildCli.startWritingTo(
                new File("/dev/full"),
                "peers",
                LoggingTrackers.magnet(hash, trackers.udpUrl()),
                "--no-dht",
                "--json",
                "--timeout",
                "30")) {
            assertEquals(4, cli.exitCode());
            List<String> err = cli.errLinesAtEnd();
            assertTrue(
                    err.get(err.size() - 1).startsWith("peerscout: cannot write to standard output: "),
                    String.join("\n", err));
            assertEquals(
                    1,
                    err.stream().filter(line -> line.startsWith("peerscout:")).count(),
                    String.join("\n", err));
            assertStartedThenStopped(trackers.udpEvents(hash), "the goodbye came before the output failed");
        }
    }

    @Test
    void scrapeJsonWithStdoutClosedIsOneLineAndExitCodeFour() throws Exception {
        try (ChildCli cli = ChildCli.startWithStdoutClosed(
                "scrape",
                Fixtures.anyInfoHash().hex(),
                "--json",
                "--tracker",
                trackers.silentUrl(),
                "--timeout",
                "0.3")) {
            assertEquals(4, cli.exitCode());
            List<String> err = cli.errLinesAtEnd();
            assertEquals(
                    1,
                    err.stream()
                            .filter(line -> line.startsWith("peerscout: cannot write to standard output: "))
                            .count(),
                    String.join("\n", err));
        }
    }

    /** Our started (retransmitted, when its answer was slow to come: UDP), then one stopped, last. */
    private static void assertStartedThenStopped(List<String> events, String why) {
        assertTrue(
                events.size() >= 2
                        && events.get(events.size() - 1).equals("stopped")
                        && events.subList(0, events.size() - 1).stream().allMatch("started"::equals),
                why + ": " + events);
    }

    private static String magnet(String hash) {
        return LoggingTrackers.magnet(hash, trackers.udpUrl(), trackers.httpUrl(), trackers.silentUrl());
    }

    /** Both trackers that answer have answered (their lines are on stderr): the peers are known. */
    private static void awaitBothAnswers(ChildCli cli) throws InterruptedException {
        Set<String> answered = new HashSet<>();
        while (answered.size() < 2) {
            String line =
                    cli.awaitErrLine(l -> l.startsWith("tracker ") && l.contains(": ok, "), "with a tracker's answer");
            answered.add(line.substring(0, line.indexOf(" (tier")));
        }
    }

    private static Set<String> peers(JsonNode array) {
        Set<String> peers = new HashSet<>();
        array.forEach(peer ->
                peers.add(peer.get("ip").asText() + ":" + peer.get("port").asInt()));
        return peers;
    }
}
