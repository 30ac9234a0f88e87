package dev.peerscout.domain.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.testing.Fixtures;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ScrapeSwarmsTest {
    private static final String A = "udp://a.example:1/announce";
    private static final String B = "http://b.example/announce";

    private final FakeScheduler clock = new FakeScheduler();
    private final FakeTrackerClient trackers = new FakeTrackerClient(clock);

    @Test
    void asksEachTrackerOnceAboutEverySwarmThatNamesIt() {
        InfoHash first = Fixtures.anyInfoHash();
        InfoHash second = Fixtures.anyInfoHash();
        AnnounceRequest seeder = Fixtures.announce(first, Fixtures.anyPeerId(), 1);
        trackers.announce(
                TrackerUrl.of(A),
                new AnnounceRequest(first, seeder.peerId(), 1, 0, 0, 0, seeder.event(), -1, 0, seeder.families()),
                clock.now());

        ScrapeReport report = new ScrapeSwarms(trackers, clock)
                .start(List.of(torrent(first, A, B), torrent(second, A)), List.of(), Duration.ofSeconds(5))
                .join();

        assertEquals(
                List.of(A, B),
                report.trackers().stream().map(t -> t.url().value()).toList());
        assertEquals(List.of(first, second), report.trackers().get(0).asked());
        assertEquals(new ScrapeStats(1, 0, 0), report.trackers().get(0).stats().get(first));
        assertEquals(List.of(first), report.trackers().get(1).asked());
        assertTrue(report.anyAnswer());
    }

    @Test
    void aTrackerWrittenTwoWaysIsAskedOnceUnderItsFirstSpelling() {
        InfoHash swarm = Fixtures.anyInfoHash();

        ScrapeReport report = new ScrapeSwarms(trackers, clock)
                .start(
                        List.of(torrent(swarm, A, B)),
                        List.of(
                                TrackerUrl.of("UDP://A.example:1/announce/"),
                                TrackerUrl.of("http://b.example:80/announce")),
                        Duration.ofSeconds(5))
                .join();

        assertEquals(
                List.of(A, B),
                report.trackers().stream().map(t -> t.url().value()).toList());
    }

    @Test
    void aFailingTrackerKeepsItsOutcomeAndTheOthersStillAnswer() {
        trackers.failWith(B, Duration.ofMillis(100), new TrackerFailure.DnsFailure("b.example", "no such host"));
        trackers.silent(A);

        var future = new ScrapeSwarms(trackers, clock)
                .start(
                        List.of(torrent(Fixtures.anyInfoHash(), A, B)),
                        List.of(TrackerUrl.of("wss://c.example")),
                        Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(4));
        assertFalse(future.isDone(), "the silent tracker still has time");
        clock.advance(Duration.ofSeconds(2));

        ScrapeReport report = future.join();
        assertEquals(
                List.of(TrackerStatus.TIMEOUT, TrackerStatus.DNS, TrackerStatus.OK),
                report.trackers().stream().map(TrackerScrape::status).toList());
        assertFalse(report.trackers().get(1).ok());
    }

    @Test
    void eachTrackerIsReportedTheMomentItAnswersAndAStopEndsTheRest() {
        trackers.failWith(B, Duration.ofMillis(100), new TrackerFailure.Rejected("not authorized", 1));
        trackers.silent(A);
        List<String> heard = new java.util.ArrayList<>();

        Scrape scrape = new ScrapeSwarms(trackers, clock)
                .start(
                        List.of(torrent(Fixtures.anyInfoHash(), A, B)),
                        List.of(),
                        Duration.ofSeconds(5),
                        outcome -> heard.add(
                                outcome.url().value() + " " + outcome.status().label()));
        clock.advance(Duration.ofMillis(100));
        assertEquals(List.of(B + " error"), heard, "B is told as soon as it answered");
        scrape.stop("interrupted");
        scrape.stop("a second stop changes nothing");

        ScrapeReport report = scrape.report().getNow(null);
        assertTrue(report != null, "done at once, not at the deadline");
        assertEquals(List.of(B + " error", A + " skipped"), heard);
        assertEquals(
                List.of(TrackerStatus.SKIPPED, TrackerStatus.ERROR),
                report.trackers().stream().map(TrackerScrape::status).toList(),
                "in the order the trackers were named");
        assertEquals(Option.some("interrupted"), report.trackers().get(0).error());
        assertEquals(Duration.ofMillis(100), report.elapsed());
    }

    @Test
    void aTrackerSkippedByAStopSaysHowManyRequestsItsScrapeHadSent() {
        TrackerClient threeBatchesSent = new TrackerClient() {
            @Override
            public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
                    TrackerUrl t, AnnounceRequest r, Instant d) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
                    TrackerUrl t, List<InfoHash> s, Instant d) {
                return CallInFlight.of(new CompletableFuture<>(), () -> 3);
            }
        };

        Scrape scrape = new ScrapeSwarms(threeBatchesSent, clock)
                .start(List.of(torrent(Fixtures.anyInfoHash(), A)), List.of(), Duration.ofSeconds(5), outcome -> {});
        scrape.stop("interrupted");

        TrackerScrape skipped = scrape.report().join().trackers().get(0);
        assertEquals(TrackerStatus.SKIPPED, skipped.status());
        assertEquals(3, skipped.attempts(), "what the call had sent, not a guess");
    }

    private static Torrent torrent(InfoHash hash, String... urls) {
        return new Torrent(
                Option.none(),
                InfoHashes.v1(hash),
                List.of(new Tier(0, List.of(urls).stream().map(TrackerUrl::of).toList())),
                Option.none(),
                false,
                List.of(),
                List.of(),
                List.of());
    }
}
