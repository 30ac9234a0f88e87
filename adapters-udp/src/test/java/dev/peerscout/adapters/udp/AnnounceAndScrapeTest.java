package dev.peerscout.adapters.udp;

import static dev.peerscout.adapters.udp.Harness.await;
import static dev.peerscout.adapters.udp.Harness.failure;
import static dev.peerscout.adapters.udp.Harness.ok;
import static dev.peerscout.adapters.udp.Harness.peer;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peerscout.adapters.udp.ScriptedTracker.Received;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What goes on the wire for announces and scrapes, and how many at once. */
class AnnounceAndScrapeTest {
    private final Harness harness = new Harness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void thePathAndQueryTravelAsBep41UrlData() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));

        ok(harness.announce(tracker.url("/announce?passkey=abc"), Harness.request()));

        byte[] announce = tracker.received().get(1).bytes();
        byte[] expected = ByteBuffer.allocate(23)
                .put((byte) 2)
                .put((byte) 21)
                .put("/announce?passkey=abc".getBytes(StandardCharsets.US_ASCII))
                .array();
        assertArrayEquals(expected, Arrays.copyOfRange(announce, 98, announce.length));
        assertEquals(
                "/announce?passkey=abc", tracker.received().get(1).announce().urlData());
    }

    @Test
    void aUrlWithoutAPathSendsThe98ByteAnnounce() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));

        ok(harness.announce(tracker.url(""), Harness.request()));

        assertEquals(98, tracker.received().get(1).bytes().length);
    }

    @Test
    void theAnnounceCarriesTheRequestAsAsked() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));
        AnnounceRequest request = Harness.request().withEvent(AnnounceEvent.STOPPED);

        ok(harness.announce(tracker.url(), request));

        var sent = tracker.received().get(1).announce();
        assertEquals(request.infoHash(), sent.infoHash());
        assertEquals(request.peerId(), sent.peerId());
        assertEquals(AnnounceEvent.STOPPED, sent.event());
        assertEquals(request.key(), sent.key());
        assertEquals(request.left(), sent.left());
        assertEquals(-1, sent.numWant());
        assertEquals(6881, sent.port());
        assertEquals(0, sent.ipAddress());
    }

    @Test
    void scraping150HashesSends74Then74Then2AfterOneConnect() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));
        List<InfoHash> hashes = Stream.generate(() -> anyInfoHash()).limit(150).toList();
        List<InfoHash> withADuplicate = new ArrayList<>(hashes);
        withADuplicate.add(hashes.get(0));

        ScrapeResponse response = await(harness.client.scrape(
                        TrackerUrl.of(tracker.url()),
                        withADuplicate,
                        harness.clock.now().plus(Harness.ONE_HOUR)))
                .get();

        List<Received> scrapes =
                tracker.received().stream().filter(Received::isScrape).toList();
        assertEquals(
                List.of(74, 74, 2),
                scrapes.stream()
                        .map(r -> r.scrape().infoHashes().size())
                        .sorted((a, b) -> b - a)
                        .toList());
        assertEquals(
                hashes.size(),
                scrapes.stream()
                        .flatMap(r -> r.scrape().infoHashes().stream())
                        .distinct()
                        .count());
        assertEquals(150, response.stats().size());
        assertEquals(new ScrapeStats(1, 2, 3), response.stats().get(hashes.get(149)));
        assertEquals(4, response.attempts(), "one connect, three scrapes");
    }

    @Test
    void aScrapeFailsIfAnyBatchFails() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) ->
                request.isScrape() && request.scrape().infoHashes().size() == 2
                        ? List.of(Arrays.copyOf(self.correctAnswer(request, List.of()), 8 + 12))
                        : List.of(self.correctAnswer(request, List.of())));
        List<InfoHash> hashes = Stream.generate(() -> anyInfoHash()).limit(76).toList();

        TrackerFailure failure = failure(harness.client.scrape(
                TrackerUrl.of(tracker.url()), hashes, harness.clock.now().plus(Harness.ONE_HOUR)));

        assertEquals(new TrackerFailure.Malformed("scrape reply has 1 entries for 2 hashes", 3), failure);
    }

    @Test
    void scrapingNothingIsABug() {
        assertThrows(
                IllegalArgumentException.class,
                () -> harness.client.scrape(
                        TrackerUrl.of("udp://127.0.0.1:1/announce"), List.of(), harness.clock.now()));
    }

    /** Hundreds of swarms over one socket: replies find their requests by transaction id alone. */
    @Test
    void manyAnnouncesAtOnceEachGetTheirOwnAnswer() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) -> List.of(self.correctAnswer(
                request,
                request.isAnnounce() ? List.of(peerFor(request.announce().infoHash())) : List.of())));
        List<AnnounceRequest> requests =
                Stream.generate(Harness::request).limit(500).toList();

        var outcomes = requests.stream()
                .map(request -> harness.announce(tracker.url(), request))
                .toList();

        for (int i = 0; i < requests.size(); i++) {
            assertEquals(
                    List.of(peerFor(requests.get(i).infoHash())),
                    ok(outcomes.get(i)).peers());
        }
    }

    @Test
    void aFullWindowMakesLaterRequestsWait() throws Exception {
        harness.close();
        try (Harness narrow = new Harness(UdpTrackerConfig.defaults().withMaxInFlightPerTracker(1))) {
            ScriptedTracker tracker = narrow.tracker(ScriptedTracker.silent());
            var first = narrow.client.announce(
                    TrackerUrl.of(tracker.url()), Harness.request(), narrow.start.plus(Duration.ofSeconds(10)));
            var second = narrow.announce(tracker);

            tracker.awaitReceived(1);
            narrow.advanceSeconds(10);
            tracker.awaitReceived(2);

            assertEquals(new TrackerFailure.Timeout(1, Duration.ofSeconds(10)), failure(first));
            assertEquals(List.of(0L, 10L), tracker.secondsSince(narrow.start));
            narrow.client.close();
            assertEquals(TrackerFailure.Kind.UNREACHABLE, failure(second).kind());
        }
    }

    private static Peer peerFor(InfoHash hash) {
        byte[] bytes = hash.toBytes();
        int port = 1 + (((bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF)) % 65535);
        return peer("10.9." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF), port);
    }
}
