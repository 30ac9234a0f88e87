package dev.peerscout.domain.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerProbe;
import dev.peerscout.domain.testing.Fixtures;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CheckTrackersTest {
    private static final String DUAL = "udp://dual.example:6969/announce";
    private static final String PICKY = "http://picky.example/announce";
    private static final String NOWHERE = "udp://nowhere.invalid:1";
    private static final InetAddress V4 = address("192.0.2.1");
    private static final InetAddress V6 = address("2001:db8::1");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final FakeScheduler clock = new FakeScheduler();
    private final FakeTrackerProbe probe = new FakeTrackerProbe(clock);
    private final CheckTrackers checkTrackers = new CheckTrackers(probe, clock);
    private final List<TrackerCheck> heard = new CopyOnWriteArrayList<>();

    @Test
    void eachAddressIsCheckedOnItsOwnAndANameThatDoesNotResolveIsDns() {
        probe.resolves(DUAL, V4, V6).answers(DUAL, V4, Duration.ofMillis(40)).doesNotResolve(NOWHERE);

        CheckReport report = run(DUAL, NOWHERE);

        AddressCheck v4 = report.trackers().get(0).addresses().get(0);
        AddressCheck v6 = report.trackers().get(0).addresses().get(1);
        assertEquals(Option.some(V4), v4.address());
        assertEquals(CheckStatus.OK, v4.status());
        assertEquals(Option.some(FakeTrackerProbe.CONNECT), v4.connect());
        assertEquals(Option.some(Duration.ofMillis(40)), v4.announce());
        assertEquals(Option.some(Duration.ofSeconds(1800)), v4.interval());
        assertEquals(Option.some(Duration.ofSeconds(900)), v4.minInterval());
        assertEquals(Option.some("ok"), v4.scrape());
        assertEquals(CheckStatus.TIMEOUT, v6.status());
        assertEquals(Option.some(AddressFamily.IPV6), v6.family());
        assertEquals(Option.none(), v6.scrape(), "no scrape for an address that never answered");
        assertTrue(report.trackers().get(0).alive(), "one answering address makes the URL alive");
        AddressCheck nowhere = report.trackers().get(1).addresses().get(0);
        assertEquals(CheckStatus.DNS, nowhere.status());
        assertEquals(Option.none(), nowhere.address());
        assertFalse(report.allAlive());
    }

    @Test
    void startedIsFollowedByStoppedOnlyWhereTheTrackerAcceptedUs() {
        probe.resolves(DUAL, V4, V6).answers(DUAL, V4, Duration.ofMillis(10)).refuses(DUAL, V6);

        run(DUAL);

        assertEquals(
                List.of("192.0.2.1 STARTED", "2001:db8:0:0:0:0:0:1 STARTED", "192.0.2.1 STOPPED"),
                probe.calls().stream()
                        .map(c ->
                                c.address().getHostAddress() + " " + c.request().event())
                        .toList());
        assertEquals(0, probe.calls().get(0).request().numWant());
    }

    @Test
    void aTrackerThatAnswersWithAnErrorIsAliveWithItsText() {
        probe.resolves(PICKY, V4).rejects(PICKY, V4, "info hash not whitelisted", Duration.ofMillis(30));

        CheckReport report = run(PICKY);

        AddressCheck check = report.trackers().get(0).addresses().get(0);
        assertEquals(CheckStatus.ERROR, check.status());
        assertEquals(Option.some("info hash not whitelisted"), check.error());
        assertEquals(Option.some(Duration.ofMillis(30)), check.announce());
        assertTrue(report.allAlive());
        assertEquals(
                List.of(AnnounceEvent.STARTED),
                probe.calls().stream().map(c -> c.request().event()).toList(),
                "no 'stopped' for a tracker that did not take our 'started'");
    }

    @Test
    void aRefusedConnectionIsNotATimeout() {
        probe.resolves(PICKY, V4).refuses(PICKY, V4);

        AddressCheck check = run(PICKY).trackers().get(0).addresses().get(0);

        assertEquals(CheckStatus.REFUSED, check.status());
        assertEquals(Option.some("connection refused"), check.error(), "the status says refused already");
        assertFalse(check.alive());
    }

    @Test
    void oneTrackerWrittenThreeWaysIsCheckedOnceAndReportedUnderEachSpelling() {
        String shouted = "UDP://DUAL.example:6969/announce/";
        probe.resolves(DUAL, V4).answers(DUAL, V4, Duration.ofMillis(10));

        CheckReport report = run(DUAL, shouted, DUAL);

        assertEquals(
                List.of(DUAL, shouted),
                report.trackers().stream().map(t -> t.url().value()).toList());
        assertEquals(
                report.trackers().get(0).addresses(), report.trackers().get(1).addresses());
        assertEquals(2, probe.calls().size(), "one started and one stopped");
        assertEquals(
                List.of(DUAL, shouted), heard.stream().map(t -> t.url().value()).toList());
    }

    @Test
    void aProbeThatNeverAnswersStillEndsAtTheDeadline() {
        probe.resolves(DUAL, V4);
        CompletableFuture<CheckReport> report = checkTrackers.check(urls(DUAL), options(), heard::add);

        clock.advance(TIMEOUT.minusMillis(1));
        assertFalse(report.isDone());
        clock.advance(Duration.ofSeconds(1));

        assertEquals(
                CheckStatus.TIMEOUT,
                report.join().trackers().get(0).addresses().get(0).status());
    }

    @Test
    void aStartedThatTimedOutMayHaveArrivedAndGetsStoppedWithAGraceOfItsOwn() {
        probe.resolves(DUAL, V4, V6).answers(DUAL, V6, TIMEOUT.dividedBy(2));

        CompletableFuture<CheckReport> report = checkTrackers.check(urls(DUAL), options(), heard::add);
        clock.advance(TIMEOUT.plusSeconds(1));

        assertTrue(report.isDone());
        List<FakeTrackerProbe.Call> goodbyes = probe.calls().stream()
                .filter(call -> call.request().event() == AnnounceEvent.STOPPED)
                .toList();
        assertEquals(
                java.util.Set.of(V6, V4),
                goodbyes.stream().map(FakeTrackerProbe.Call::address).collect(java.util.stream.Collectors.toSet()),
                "the silent address may have had our started: it hears stopped too");
        Instant roundDeadline = probe.calls().get(0).deadline();
        assertTrue(
                goodbyes.stream().allMatch(call -> call.deadline().isAfter(roundDeadline)),
                "each goodbye has its own grace, not what is left of the started's deadline");
    }

    @Test
    void stoppingARoundSaysGoodbyeToEveryAddressThatMayHaveOurStartedAndReportsTheRestSkipped() {
        probe.resolves(DUAL, V4, V6).answers(DUAL, V4, Duration.ofMillis(10)).resolves(PICKY, V4);
        CheckRun run = checkTrackers.start(urls(DUAL, PICKY), options(), heard::add);
        clock.advance(Duration.ofSeconds(1));

        CompletableFuture<CheckReport> stopped = run.stop();
        clock.advance(Duration.ofSeconds(1));

        CheckReport report = stopped.join();
        assertEquals(
                List.of(
                        "192.0.2.1 STARTED",
                        "2001:db8:0:0:0:0:0:1 STARTED",
                        "192.0.2.1 STARTED",
                        "192.0.2.1 STOPPED",
                        "2001:db8:0:0:0:0:0:1 STOPPED",
                        "192.0.2.1 STOPPED"),
                probe.calls().stream()
                        .map(c ->
                                c.address().getHostAddress() + " " + c.request().event())
                        .toList(),
                "the started still in flight (PICKY, DUAL's v6) get their goodbye too");
        assertEquals(CheckStatus.OK, report.trackers().get(0).addresses().get(0).status());
        assertEquals(
                CheckStatus.SKIPPED, report.trackers().get(0).addresses().get(1).status());
        assertEquals(
                CheckStatus.SKIPPED, report.trackers().get(1).addresses().get(0).status());
        assertEquals(report, run.report().join());
    }

    @Test
    void anAdaptersBugIsAnInternalOutcomeInItsOwnWordsNeverAJavaClassName() {
        probe.resolves(PICKY, V4);
        TrackerProbe buggy = new TrackerProbe() {
            @Override
            public CompletableFuture<io.vavr.control.Either<TrackerFailure, List<InetAddress>>> addresses(
                    TrackerUrl tracker, java.util.Set<AddressFamily> families, Instant deadline) {
                return probe.addresses(tracker, families, deadline);
            }

            @Override
            public CompletableFuture<Step<AnnounceResponse>> announce(
                    TrackerUrl tracker, InetAddress address, AnnounceRequest request, Instant deadline) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException(new NullPointerException("no socket yet")));
            }

            @Override
            public CompletableFuture<Step<ScrapeResponse>> scrape(
                    TrackerUrl tracker, InetAddress address, List<InfoHash> swarms, Instant deadline) {
                return probe.scrape(tracker, address, swarms, deadline);
            }
        };

        CompletableFuture<CheckReport> report =
                new CheckTrackers(buggy, clock).check(urls(PICKY), options(), heard::add);
        clock.advance(TIMEOUT.plusSeconds(1));

        AddressCheck check = report.join().trackers().get(0).addresses().get(0);
        assertEquals(CheckStatus.INTERNAL, check.status());
        assertEquals("internal", check.status().label());
        assertEquals(Option.some("internal error: no socket yet"), check.error());
    }

    @Test
    void aPortOutOfRangeIsAMalformedUrlOverEverySchemeAndNothingIsAsked() {
        String udp = "udp://dual.example:99999/announce";
        String http = "http://picky.example:123456/announce";
        probe.resolves(udp, V4)
                .answers(udp, V4, Duration.ofMillis(10))
                .resolves(http, V4)
                .answers(http, V4, Duration.ofMillis(10));

        CheckReport report = run(udp, http);

        for (TrackerCheck check : report.trackers()) {
            AddressCheck address = check.addresses().get(0);
            assertEquals(CheckStatus.MALFORMED, address.status(), check.url().value());
            assertTrue(
                    address.error().get().startsWith("malformed tracker URL: port "),
                    address.error().get());
        }
        assertEquals(List.of(), probe.calls(), "no request for a URL that cannot be requested");
    }

    @Test
    void aWatchSumsUpEachAddressAcrossRoundsWithATrackerThatGoesDownAndComesBack() {
        probe.resolves(DUAL, V4, V6).answers(DUAL, V6, Duration.ofMillis(7));
        Duration every = Duration.ofSeconds(60);
        // Latency (connect + announce) of 192.0.2.1 per round; null: down in round 3, back in round 4.
        List<Duration> latencies = java.util.Arrays.asList(
                Duration.ofMillis(10), Duration.ofMillis(30), null, Duration.ofMillis(20), Duration.ofMillis(100));
        script(latencies.get(0));
        TrackerWatch watch = checkTrackers.watch(urls(DUAL), options(), every, 5, heard::add);
        for (int round = 2; round <= 5; round++) {
            clock.advance(every.minusSeconds(1)); // the round before has ended by now
            script(latencies.get(round - 1));
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(every);

        List<AddressSummary> summary = watch.summary().join();
        assertEquals(
                List.of(1, 2, 3, 4, 5), heard.stream().map(TrackerCheck::round).toList());
        AddressSummary v4 = summary.get(0);
        assertEquals(Option.some(V4), v4.address());
        assertEquals(5, v4.checks());
        assertEquals(4, v4.alive());
        assertEquals(80.0, v4.uptimePercent());
        assertEquals(Option.some(Duration.ofMillis(20)), v4.median());
        assertEquals(Option.some(Duration.ofMillis(100)), v4.p95());
        assertEquals(Option.some(Duration.ofMillis(100)), v4.max());
        assertEquals(Map.of(CheckStatus.TIMEOUT, 1), v4.failures());
        AddressSummary v6 = summary.get(1);
        assertEquals(100.0, v6.uptimePercent());
        assertEquals(Option.some(Duration.ofMillis(12)), v6.median());
    }

    @Test
    void stoppingAWatchSumsUpTheRoundsDoneSoFarAndStartsNoMore() {
        probe.resolves(DUAL, V4).answers(DUAL, V4, Duration.ofMillis(10));
        TrackerWatch watch = checkTrackers.watch(urls(DUAL), options(), Duration.ofSeconds(60), 0, heard::add);
        clock.advance(Duration.ofSeconds(61));
        clock.advance(Duration.ofSeconds(1));

        watch.stop();
        clock.advance(Duration.ofMinutes(10));

        assertEquals(2, watch.summary().join().get(0).checks());
        assertEquals(2, heard.size());
    }

    private void script(Duration latency) {
        if (latency == null) {
            probe.silent(DUAL, V4);
        } else {
            probe.answers(DUAL, V4, latency.minus(FakeTrackerProbe.CONNECT));
        }
    }

    private CheckReport run(String... urls) {
        CompletableFuture<CheckReport> report = checkTrackers.check(urls(urls), options(), heard::add);
        clock.advance(TIMEOUT.plusSeconds(1));
        return report.join();
    }

    private static List<TrackerUrl> urls(String... urls) {
        return java.util.Arrays.stream(urls).map(TrackerUrl::of).toList();
    }

    private static CheckOptions options() {
        return new CheckOptions(
                TIMEOUT, EnumSet.allOf(AddressFamily.class), Fixtures.anyInfoHash(), Fixtures.anyPeerId(), 7, 6881);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
