package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.ScrapeResponse;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Health of many torrents at once: each tracker is asked once about every swarm that names it
 * (the client batches them per packet or request), all trackers in parallel under one deadline.
 */
public final class ScrapeSwarms {
    private static final Duration GUARD_SLACK = Duration.ofMillis(250);

    private final TrackerClient trackers;
    private final Scheduler scheduler;

    public ScrapeSwarms(TrackerClient trackers, Scheduler scheduler) {
        this.trackers = trackers;
        this.scheduler = scheduler;
    }

    /** Scrapes each torrent's swarms at its own trackers and at every extra tracker. */
    public CompletableFuture<ScrapeReport> start(List<Torrent> torrents, List<TrackerUrl> extraTrackers, Duration timeout) {
        Map<TrackerUrl, Set<InfoHash>> swarmsByTracker = new LinkedHashMap<>();
        // One tracker written two ways is asked once, under the first spelling met.
        Map<TrackerUrl, TrackerUrl> firstSpelling = new HashMap<>();
        for (Torrent torrent : torrents) {
            List<TrackerUrl> urls = new ArrayList<>(torrent.trackers());
            urls.addAll(extraTrackers);
            for (TrackerUrl url : urls) {
                TrackerUrl tracker = firstSpelling.computeIfAbsent(url.normalized(), same -> url);
                swarmsByTracker.computeIfAbsent(tracker, u -> new LinkedHashSet<>()).addAll(torrent.hashes().swarms());
            }
        }
        Instant begin = scheduler.now();
        Instant deadline = begin.plus(timeout);
        List<CompletableFuture<TrackerScrape>> scrapes = new ArrayList<>();
        swarmsByTracker.forEach((url, swarms) -> scrapes.add(scrape(url, List.copyOf(swarms), begin, deadline)));
        return CompletableFuture.allOf(scrapes.toArray(CompletableFuture[]::new)).thenApply(done -> new ScrapeReport(
                scrapes.stream().map(CompletableFuture::join).toList(), Duration.between(begin, scheduler.now())));
    }

    private CompletableFuture<TrackerScrape> scrape(TrackerUrl url, List<InfoHash> swarms, Instant begin, Instant deadline) {
        CompletableFuture<TrackerScrape> result = new CompletableFuture<>();
        // Ends the tracker even if its client never answers.
        var guard = scheduler.schedule(Duration.between(begin, deadline).plus(GUARD_SLACK), () -> result.complete(
                report(url, swarms, Either.left(new TrackerFailure.Timeout(1, Duration.between(begin, scheduler.now()))), begin)));
        trackers.scrape(url, swarms, deadline).whenComplete((outcome, bug) -> {
            guard.cancel();
            result.complete(report(url, swarms,
                    bug == null ? outcome : Either.left(new TrackerFailure.Malformed(String.valueOf(bug), 1)), begin));
        });
        return result;
    }

    private TrackerScrape report(TrackerUrl url, List<InfoHash> swarms, Either<TrackerFailure, ScrapeResponse> outcome,
            Instant begin) {
        Duration elapsed = Duration.between(begin, scheduler.now());
        return outcome.fold(
                failure -> new TrackerScrape(url, TrackerStatus.of(failure.kind()), Option.of(failure.message()), swarms,
                        Map.of(), failure.attempts(), elapsed),
                response -> new TrackerScrape(url, TrackerStatus.OK, Option.none(), swarms, response.stats(),
                        response.attempts(), elapsed));
    }
}
