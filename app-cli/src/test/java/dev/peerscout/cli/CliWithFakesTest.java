package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TorrentReader;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.time.SystemScheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The whole command with a fake torrent reader and a fake tracker swapped in through Dagger. */
class CliWithFakesTest {
    private static final String LIVE = "udp://live.example:6969/announce";
    private static final String PRIVATE = "https://private.example/0123456789abcdef0123/announce?passkey=s3cr3t";
    private static final InfoHash HASH = InfoHash.fromHex("c0fda1edafdbdbb96443424e0b3899af7159d10e");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SystemScheduler scheduler = new SystemScheduler();
    private final FakeTrackerClient trackers = new FakeTrackerClient(scheduler);
    private final Map<String, Either<TorrentError, Torrent>> torrents = new HashMap<>();
    private final TorrentReader reader = reference ->
            torrents.getOrDefault(reference, Either.left(new TorrentError.Unreadable(reference, "no such file")));

    CliWithFakesTest() {
        torrents.put("demo.torrent", Either.right(torrent(List.of(new Tier(0, List.of(TrackerUrl.of(LIVE)))))));
        torrents.put("private.torrent", Either.right(torrent(List.of(new Tier(0, List.of(TrackerUrl.of(PRIVATE)))))));
        torrents.put(
                "magnet:?xt=urn:btih:" + HASH.hex(),
                Either.right(new Torrent(
                        Option.none(),
                        InfoHashes.v1(HASH),
                        List.of(),
                        Option.none(),
                        false,
                        List.of(),
                        List.of(),
                        List.of())));
    }

    @Test
    void peersArePrintedOnStdoutAndTrackerOutcomesOnStderr() throws Exception {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer("10.0.0.1", 6881), peer("2001:db8::1", 51413)));

        CliRun run = run("peers", "demo.torrent");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("10.0.0.1:6881", "[2001:db8::1]:51413"), run.outLines());
        assertTrue(run.err().contains("tracker " + LIVE + " (tier 0): ok, 2 peers"), run.err());
        assertTrue(run.errLines().get(run.errLines().size() - 1).startsWith("found 2 peers; 1 of 1 tracker answered"));
    }

    @Test
    void addressesThatCannotBePeersAreDroppedAndCountedAndCountsReadAsEnglish() throws Exception {
        trackers.script(
                LIVE,
                Duration.ZERO,
                request -> Either.right(new dev.peerscout.domain.model.AnnounceResponse(
                        Duration.ofMinutes(30),
                        Option.none(),
                        Option.some(1),
                        Option.some(1),
                        List.of(
                                peer("0.0.0.0", 6881),
                                peer("255.255.255.255", 6881),
                                peer("224.0.0.1", 6881),
                                peer("ff02::1", 6881),
                                peer("::", 6881),
                                peer("10.0.0.1", 6881)),
                        Option.none(),
                        Option.none(),
                        1,
                        2)));

        CliRun run = run("peers", "demo.torrent");
        CliRun json = run("peers", "demo.torrent", "--json");

        assertEquals(List.of("10.0.0.1:6881"), run.outLines());
        assertTrue(
                run.err()
                        .contains("tracker " + LIVE + " (tier 0): ok, 1 peer (1 seeder, 1 leecher), "
                                + "7 unusable peers dropped, 1 request"),
                run.err());
        JsonNode tracker = JSON.readTree(json.out()).at("/trackers/0");
        assertEquals(7, tracker.get("droppedPeers").asInt(), json.out());
        assertEquals(1, JSON.readTree(json.out()).get("peers").size(), json.out());
    }

    @Test
    void aTrackersFailureTextThatRepeatsOurPasskeyIsMaskedInTextJsonAndNdjson() throws Exception {
        String secret = "udp://secret.example:6969/0123456789abcdef0123/announce?passkey=s3cr3t";
        torrents.put("secret.torrent", Either.right(torrent(List.of(new Tier(0, List.of(TrackerUrl.of(secret)))))));
        trackers.failWith(
                secret,
                Duration.ZERO,
                new TrackerFailure.Rejected("unknown passkey 0123456789abcdef0123 (passkey=s3cr3t)", 1));

        for (String format : List.of("--verbose", "--json", "--ndjson")) {
            CliRun run = run("peers", "secret.torrent", format);
            String all = run.out() + run.err();
            assertFalse(all.contains("0123456789abcdef0123") || all.contains("s3cr3t"), all);
            assertTrue(all.contains("unknown passkey *** (passkey=***)"), all);
        }
        CliRun shown = run("peers", "secret.torrent", "--show-secrets");
        assertTrue(shown.err().contains("unknown passkey 0123456789abcdef0123 (passkey=s3cr3t)"), shown.err());
    }

    @Test
    void usageErrorsMaskTrackerUrlsToo() {
        CliRun bad = run("peers", "demo.torrent", "--tracker", "http://h.example:99999/0123456789abcdef0123/announce");
        CliRun stray = run("info", "demo.torrent", "http://h.example/0123456789abcdef0123/announce");

        assertEquals(2, bad.exitCode());
        assertEquals(
                "peerscout: --tracker http://h.example:99999/***/announce: port 99999 is out of range\n", bad.err());
        assertEquals(2, stray.exitCode());
        assertFalse(stray.err().contains("0123456789abcdef0123"), stray.err());
        assertTrue(stray.err().contains("http://h.example/***/announce"), stray.err());
    }

    @Test
    void infosMagnetLineSaysThatItsPasskeyIsMaskedAndHowToShowIt() {
        CliRun masked = run("info", "private.torrent");
        CliRun shown = run("info", "private.torrent", "--show-secrets");

        assertTrue(masked.out().contains("Magnet:       magnet:?"), masked.out());
        assertTrue(
                masked.out().contains("passkeys masked as ***: this link cannot announce; --show-secrets shows them"),
                masked.out());
        assertFalse(shown.out().contains("masked"), shown.out());
        assertFalse(run("info", "demo.torrent").out().contains("masked"));
    }

    @Test
    void whenTheReaderOfThePeersGoesAwayDiscoveryStopsInsteadOfWaitingForTheDeadline() {
        // As after `peerscout peers x | head -1`: the pipe takes one line, then every write fails.
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer("10.0.0.1", 6881)));
        trackers.silent("udp://silent.example:1");
        StringWriter taken = new StringWriter();
        Writer headOne = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                if (taken.toString().contains("\n")) {
                    throw new IOException("Broken pipe");
                }
                taken.write(chars, offset, length);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        String[] args = {"peers", "demo.torrent", "--tracker", "udp://silent.example:1", "--timeout", "30", "--ndjson"};
        CommandLine commandLine = DaggerTestComponent.factory()
                .create(scheduler, trackers, reader)
                .commandLines()
                .forArguments(args);
        commandLine.setOut(new OutputWriter(headOne, true));
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = Peerscout.run(commandLine, args);

        assertEquals(0, exitCode, err.toString());
        assertTrue(taken.toString().startsWith("{\"event\":\"peer\""), taken.toString());
        assertTrue(
                err.toString()
                        .contains("tracker udp://silent.example:1 (tier 1): skipped: stopped: the output was closed"),
                err.toString());
    }

    @Test
    void quietLeavesOnlyTheSummaryAndErrorsOnStderr() {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer("10.0.0.1", 6881)));
        trackers.answerWithPeers("udp://other.example:1", Duration.ZERO, List.of(peer("10.0.0.2", 6881)));

        CliRun peers = run("peers", "demo.torrent", "-q", "--tracker", "udp://other.example:1");
        CliRun scrape = run("scrape", "demo.torrent", "--quiet");
        CliRun bad = run("peers", "missing.torrent", "-q");

        assertEquals(List.of("10.0.0.1:6881", "10.0.0.2:6881"), peers.outLines());
        assertEquals(1, peers.errLines().size(), peers.err());
        assertTrue(peers.err().startsWith("found 2 peers; 2 of 2 trackers answered in "), peers.err());
        assertEquals(1, scrape.errLines().size(), scrape.err());
        assertTrue(scrape.err().startsWith("1 of 1 tracker answered in "), scrape.err());
        assertEquals(List.of("peerscout: missing.torrent: no such file"), bad.errLines());
    }

    @Test
    void aWriteThatFailsIsOneLineAndExitCodeFourButAClosedPipeIsTheReadersChoice() {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer("10.0.0.1", 6881)));
        Writer full = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        for (boolean pipe : List.of(false, true)) {
            for (String[] args : List.of(
                    new String[] {"info", "demo.torrent"},
                    new String[] {"peers", "demo.torrent", "--json"},
                    new String[] {"scrape", "demo.torrent", "--json"})) {
                CommandLine commandLine = DaggerTestComponent.factory()
                        .create(scheduler, trackers, reader)
                        .commandLines()
                        .forArguments(args);
                commandLine.setOut(new OutputWriter(full, pipe));
                StringWriter err = new StringWriter();
                commandLine.setErr(new PrintWriter(err, true));

                int exitCode = Peerscout.run(commandLine, args);

                String what = String.join(" ", args) + (pipe ? " | reader gone" : " > full disk") + ": " + err;
                if (pipe) {
                    assertEquals(0, exitCode, what);
                    assertFalse(err.toString().contains("cannot write"), what);
                } else {
                    assertEquals(4, exitCode, what);
                    assertTrue(
                            err.toString()
                                    .lines()
                                    .anyMatch(line -> line.equals(
                                            "peerscout: cannot write to standard output: No space left on device")),
                            what);
                }
            }
        }
    }

    @Test
    void noPeersExitsWithOne() {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of());

        CliRun run = run("peers", "demo.torrent");

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("no peers found"), run.err());
    }

    @Test
    void jsonReportsPeersWithSourcesAndEveryTracker() throws Exception {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer("10.0.0.1", 6881)));
        trackers.failWith("udp://dead.example:1", Duration.ZERO, new TrackerFailure.Timeout(3, Duration.ofSeconds(1)));

        torrents.put(
                "mixed.torrent",
                Either.right(torrent(List.of(
                        new Tier(0, List.of(TrackerUrl.of(LIVE))),
                        new Tier(1, List.of(TrackerUrl.of("wss://x.example")))))));

        CliRun run = run("peers", "mixed.torrent", "--json", "--tracker", "udp://dead.example:1");

        JsonNode doc = JSON.readTree(run.out());
        assertEquals(HASH.hex(), doc.get("infoHash").asText());
        assertTrue(doc.get("infoHashV2").isNull());
        assertEquals("10.0.0.1", doc.at("/peers/0/ip").asText());
        assertEquals(6881, doc.at("/peers/0/port").asInt());
        assertEquals(LIVE, doc.at("/peers/0/sources/0").asText());
        assertEquals(List.of("ok", "unsupported", "timeout"), texts(doc.get("trackers"), "status"));
        assertEquals(
                List.of(0, 1, 2),
                doc.findValues("tier").stream().map(JsonNode::asInt).toList());
        assertEquals(3, doc.at("/trackers/2/attempts").asInt());
        assertEquals(0, doc.at("/trackers/1/attempts").asInt(), "nothing is sent to a tracker we cannot speak to");
        assertEquals(1800, doc.at("/trackers/0/interval").asInt());
        assertTrue(doc.has("elapsedMs"));
    }

    @Test
    void ndjsonStreamsOneObjectPerEvent() throws Exception {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer("10.0.0.1", 6881)));

        CliRun run = run("peers", "demo.torrent", "--ndjson");

        List<JsonNode> events =
                run.outLines().stream().map(CliWithFakesTest::parse).toList();
        assertEquals(
                List.of("peer", "tracker", "done"),
                events.stream().map(e -> e.get("event").asText()).toList());
        assertEquals(LIVE, events.get(0).get("source").asText());
    }

    @Test
    void aMagnetWithoutTrackersNeedsOneWhenTheDhtIsOff() {
        CliRun run = run("peers", "magnet:?xt=urn:btih:" + HASH.hex(), "--no-dht");

        assertEquals(2, run.exitCode());
        assertEquals(
                List.of(
                        "peerscout: the magnet link names no tracker (tr=) and the DHT is off: add one with --tracker URL"),
                run.errLines());
    }

    @Test
    void aMagnetsOwnPeersNeedNoTrackerAndAreListedAsItsOwn() {
        String magnet = "magnet:?xt=urn:btih:" + HASH.hex() + "&x.pe=10.0.0.7:6881";
        torrents.put(
                magnet,
                Either.right(new Torrent(
                        Option.none(),
                        InfoHashes.v1(HASH),
                        List.of(),
                        Option.none(),
                        false,
                        List.of(new dev.peerscout.domain.model.HostPort("10.0.0.7", 6881)),
                        List.of(),
                        List.of())));
        CliRun run = run("peers", magnet, "--no-dht", "--ndjson");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out().contains("{\"event\":\"peer\",\"ip\":\"10.0.0.7\",\"port\":6881,\"source\":\"magnet\"}"),
                run.out());
    }

    @Test
    void badProbeOptionsAreOneLineAndExitTwo() {
        assertEquals(
                List.of("peerscout: --peer example.org:1: expected an IP address, not a host name"),
                run("peers", "demo.torrent", "--probe", "--peer", "example.org:1")
                        .errLines());
        assertEquals(
                List.of("peerscout: --probe-private has no use without --probe"),
                run("peers", "demo.torrent", "--probe-private").errLines());
        assertEquals(
                2, run("peers", "demo.torrent", "--probe", "--max-probes", "-1").exitCode());
    }

    @Test
    void aTrackerTheTorrentNamesIsNotAskedAgainWhenTheUserWritesItDifferently() {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer("10.0.0.9", 1)));

        CliRun run = run("peers", "demo.torrent", "--tracker", "UDP://LIVE.example:6969/announce/", "--no-stop");

        assertEquals(1, trackers.calls().size(), run.err());
        assertTrue(run.errLines().get(run.errLines().size() - 1).contains("1 of 1 tracker answered"), run.err());
    }

    @Test
    void aMagnetWithAnExtraTrackerIsAnnounced() {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer("10.0.0.9", 1)));

        CliRun run = run(
                "peers", "magnet:?xt=urn:btih:" + HASH.hex(), "--tracker", LIVE, "--numwant", "7", "--port", "7000");

        assertEquals(0, run.exitCode(), run.err());
        var call = trackers.calls().get(0);
        assertEquals(7, call.request().numWant());
        assertEquals(7000, call.request().port());
        assertTrue(call.request().peerId().toString().startsWith("-PS0100-"));
    }

    @Test
    void aBareInfoHashStandsForItsMagnetLinkInPeersAndInfoAsInScrape() {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer("10.0.0.9", 1)));
        String v2 = "cb0d7a6d7d2b9aeb1a6a0f7b0a7d4c1f2c3b4a59687766554433221100ffeedd";

        CliRun peers = run("peers", HASH.hex().toUpperCase(java.util.Locale.ROOT), "--tracker", LIVE, "--no-dht");
        CliRun info = run("info", HASH.hex(), "--offline");
        CliRun infoV2 = run("info", " " + v2 + " ", "--offline", "--json");
        CliRun save = run("info", HASH.hex(), "--offline", "--save", "x.torrent");

        assertEquals(0, peers.exitCode(), peers.err());
        assertEquals(List.of("10.0.0.9:1"), peers.outLines());
        assertEquals(HASH, trackers.calls().get(0).request().infoHash());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("Info hash:    " + HASH.hex()), info.out());
        assertTrue(info.out().contains("Magnet:       magnet:?xt=urn:btih:" + HASH.hex()), info.out());
        assertTrue(infoV2.out().contains("\"magnet\" : \"magnet:?xt=urn:btmh:1220" + v2 + "\""), infoV2.out());
        assertEquals(List.of("peerscout: --save needs the swarm's metadata: drop --offline"), save.errLines());
    }

    @Test
    void passkeysAreMaskedUnlessAskedFor() {
        CliRun masked = run("peers", "private.torrent", "--timeout", "0.2");
        CliRun shown = run("info", "private.torrent", "--show-secrets");

        assertFalse(masked.err().contains("s3cr3t") || masked.err().contains("0123456789abcdef0123"), masked.err());
        assertTrue(masked.err().contains("https://private.example/***/announce?passkey=***"), masked.err());
        assertTrue(shown.out().contains(PRIVATE), shown.out());
        assertFalse(run("info", "private.torrent").out().contains("s3cr3t"));
    }

    @Test
    void infoJsonHasTheFieldsScriptsNeed() throws Exception {
        CliRun run = run("info", "demo.torrent", "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals("demo", doc.get("name").asText());
        assertEquals(HASH.hex(), doc.get("infoHash").asText());
        assertTrue(doc.get("infoHashV2").isNull());
        assertEquals(LIVE, doc.at("/trackers/0/0").asText());
        assertEquals(1_048_576, doc.get("totalLength").asLong());
        assertEquals(262_144, doc.get("pieceLength").asLong());
        assertFalse(doc.get("private").asBoolean());
        assertEquals("dir/a.bin", doc.at("/files/0/path").asText());
        assertEquals(1_048_576, doc.at("/files/0/length").asLong());
        assertTrue(doc.get("magnet")
                .asText()
                .startsWith("magnet:?xt=urn:btih:" + HASH.hex() + "&dn=demo&tr=udp%3A%2F%2F"));
    }

    @Test
    void infoForPeople() {
        CliRun run = run("info", "demo.torrent");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Info hash:    " + HASH.hex()), run.out());
        assertTrue(run.out().contains("Size:         1.0 MiB (1,048,576 bytes) in 1 file"), run.out());
        assertTrue(run.out().contains("  tier 0  " + LIVE), run.out());
    }

    @Test
    void aBadFileIsOneLineAndExitCodeTwo() {
        CliRun run = run("info", "missing.torrent");

        assertEquals(2, run.exitCode());
        assertEquals(List.of("peerscout: missing.torrent: no such file"), run.errLines());
    }

    @Test
    void usageErrorsAreOneLineAndExitCodeTwo() {
        CliRun unknown = run("peers", "demo.torrent", "--frobnicate");
        CliRun badTimeout = run("peers", "demo.torrent", "--timeout", "0");
        CliRun noCommand = run();

        assertEquals(2, unknown.exitCode());
        assertEquals(1, unknown.errLines().size(), unknown.err());
        assertTrue(unknown.err().startsWith("peerscout: Unknown option: '--frobnicate'"), unknown.err());
        assertEquals(2, badTimeout.exitCode());
        assertEquals(
                List.of("peerscout: --timeout must be more than 0 and at most 3600 seconds, got 0.0"),
                badTimeout.errLines());
        assertEquals(2, noCommand.exitCode());
    }

    @Test
    void aTrackerTheUserMistypedIsBadInput() {
        for (String bad :
                List.of("garbage", "udp://", "udp://127.0.0.1", "udp://h:99999", "wss://t.example/announce")) {
            CliRun run = run("scrape", HASH.hex(), "--tracker", bad);

            assertEquals(2, run.exitCode(), bad + ": " + run.err());
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(run.err().startsWith("peerscout: --tracker " + bad + ": "), run.err());
        }
    }

    @Test
    void aScrapeReferenceWithNoTrackerToAskIsBadInput() {
        CliRun run = run("scrape", "demo.torrent", "0123456789abcdef0123456789abcdef01234567");

        assertEquals(2, run.exitCode());
        assertEquals(
                List.of(
                        "peerscout: 0123456789abcdef0123456789abcdef01234567: no tracker to ask; add one with --tracker URL"),
                run.errLines());
    }

    @Test
    void scrapeNamesMagnetLinksWithTheirPasskeysMasked() throws Exception {
        String magnet =
                "MAGNET:?xt=urn:btih:" + HASH.hex() + "&tr=http%3A%2F%2Ft.example%2Fannounce%3Fpasskey%3DSECRET";
        torrents.put(
                magnet,
                Either.right(new Torrent(
                        Option.none(),
                        InfoHashes.v1(HASH),
                        List.of(new Tier(0, List.of(TrackerUrl.of("http://t.example/announce?passkey=SECRET")))),
                        Option.none(),
                        false,
                        List.of(),
                        List.of(),
                        List.of())));

        CliRun run = run("scrape", magnet, "--json");

        assertFalse(run.out().contains("SECRET"), run.out());
        assertTrue(JSON.readTree(run.out()).at("/torrents/0/reference").asText().contains("passkey%3D***"), run.out());
    }

    @Test
    void scrapeFromAFileThatIsNotTextOrMissingIsOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path binary =
                java.nio.file.Files.write(dir.resolve("list.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});

        CliRun notText = run("scrape", "--from", binary.toString(), "--tracker", LIVE);
        CliRun missing = run("scrape", "--from", dir.resolve("nope.txt").toString(), "--tracker", LIVE);

        assertEquals(List.of("peerscout: " + binary + ": not UTF-8 text"), notText.errLines());
        assertEquals(List.of("peerscout: " + dir.resolve("nope.txt") + ": no such file"), missing.errLines());
        assertEquals(2, missing.exitCode());
    }

    @Test
    void controlCharactersFromATorrentNeverReachTheTerminal() {
        torrents.put(
                "evil.torrent",
                Either.right(new Torrent(
                        Option.of("\u001b[31mRED\nnext"),
                        InfoHashes.v1(HASH),
                        List.of(new Tier(0, List.of(TrackerUrl.of("http://a\nb/announce")))),
                        Option.none(),
                        false,
                        List.of(),
                        List.of(),
                        List.of())));

        CliRun run = run("info", "evil.torrent");

        assertFalse(run.out().contains("\u001b"), run.out());
        assertTrue(run.out().contains("Name:         \uFFFD[31mRED\uFFFDnext"), run.out());
        assertTrue(run.out().contains("http://a\uFFFDb/announce"), run.out());
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun run = run("peers", "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().contains("1     no peers found"), run.out());
    }

    @Test
    void aBugIsOneLineWithExitCodeThreeAndTheStackOnlyWhenVerbose() {
        torrents.put("bug.torrent", null);

        CliRun quiet = run("info", "bug.torrent");
        CliRun verbose = run("--verbose", "info", "bug.torrent");

        assertEquals(3, quiet.exitCode());
        assertEquals(1, quiet.errLines().size(), quiet.err());
        assertTrue(quiet.err().contains("internal error"));
        assertFalse(
                quiet.err().contains("java.") || quiet.err().contains("Exception"),
                "no Java class name: " + quiet.err());
        assertTrue(verbose.err().contains("\tat "), "a stack trace with --verbose");
    }

    @Test
    void scrapeShowsCountsPerTrackerAndHash() throws Exception {
        trackers.announce(
                TrackerUrl.of(LIVE),
                dev.peerscout.domain.testing.Fixtures.announce(
                        HASH, dev.peerscout.domain.testing.Fixtures.anyPeerId(), 1),
                scheduler.now());

        CliRun table = run("scrape", "demo.torrent");
        CliRun json = run("scrape", HASH.hex(), "--tracker", LIVE, "--json");

        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains(HASH.hex() + "         0         0         1  demo"), table.out());
        JsonNode doc = JSON.readTree(json.out());
        assertEquals("ok", doc.at("/trackers/0/status").asText());
        assertEquals(1, doc.at("/trackers/0/swarms/0/leechers").asInt());
    }

    @Test
    void scrapeWithNoAnswerExitsWithOne() {
        trackers.failWith(LIVE, Duration.ZERO, new TrackerFailure.Rejected("not authorized", 1));

        CliRun run = run("scrape", "demo.torrent");

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("error: tracker says: not authorized"), run.out());
    }

    private CliRun run(String... args) {
        return CliRun.of(
                DaggerTestComponent.factory()
                        .create(scheduler, trackers, reader)
                        .commandLines()
                        .forArguments(args),
                args);
    }

    private static Torrent torrent(List<Tier> tiers) {
        return new Torrent(
                Option.of("demo"),
                InfoHashes.v1(HASH),
                tiers,
                Option.of(new Contents(
                        List.of(new FileEntry(List.of("dir", "a.bin"), 1_048_576, false)), 1_048_576, 262_144, 4)),
                false,
                List.of(),
                List.of(),
                List.of());
    }

    private static Peer peer(String ip, int port) {
        try {
            return new Peer(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
