package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
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
import java.util.function.Consumer;

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
    public CompletableFuture<ScrapeReport> start(
            List<Torrent> torrents, List<TrackerUrl> extraTrackers, Duration timeout) {
        return start(torrents, extraTrackers, timeout, scrape -> {}).report();
    }

    /**
     * As {@link #start(List, List, Duration)}, telling {@code listener} each tracker's outcome the
     * moment it is known (calls are serialised, from whatever thread brought the news: keep them
     * short), and with a way to stop early.
     */
    public Scrape start(
            List<Torrent> torrents,
            List<TrackerUrl> extraTrackers,
            Duration timeout,
            Consumer<TrackerScrape> listener) {
        Map<TrackerUrl, Set<InfoHash>> swarmsByTracker = new LinkedHashMap<>();
        // One tracker written two ways is asked once, under the first spelling met.
        Map<TrackerUrl, TrackerUrl> firstSpelling = new HashMap<>();
        for (Torrent torrent : torrents) {
            List<TrackerUrl> urls = new ArrayList<>(torrent.trackers());
            urls.addAll(extraTrackers);
            for (TrackerUrl url : urls) {
                TrackerUrl tracker = firstSpelling.computeIfAbsent(url.normalized(), same -> url);
                swarmsByTracker
                        .computeIfAbsent(tracker, u -> new LinkedHashSet<>())
                        .addAll(torrent.hashes().swarms());
            }
        }
        Run run = new Run(listener, scheduler.now(), timeout, swarmsByTracker.size());
        int index = 0;
        for (var entry : swarmsByTracker.entrySet()) {
            run.scrape(index++, entry.getKey(), List.copyOf(entry.getValue()));
        }
        return new Scrape(run.report, run::stop);
    }

    /** One scrape: each tracker's one outcome, the first to come (answer, guard or stop). */
    private final class Run {
        private final Consumer<TrackerScrape> listener;
        private final Instant begin;
        private final Instant deadline;
        private final TrackerScrape[] outcomes;
        private final List<Runnable> onStop = new ArrayList<>();
        private final CompletableFuture<ScrapeReport> report = new CompletableFuture<>();
        private int remaining;
        private String stopReason = "stopped";

        Run(Consumer<TrackerScrape> listener, Instant begin, Duration timeout, int trackers) {
            this.listener = listener;
            this.begin = begin;
            this.deadline = begin.plus(timeout);
            this.outcomes = new TrackerScrape[trackers];
            this.remaining = trackers;
            if (trackers == 0) {
                report.complete(new ScrapeReport(List.of(), Duration.ZERO));
            }
        }

        void scrape(int index, TrackerUrl url, List<InfoHash> swarms) {
            // Ends the tracker even if its client never answers.
            var guard = scheduler.schedule(
                    Duration.between(begin, deadline).plus(GUARD_SLACK),
                    () -> conclude(
                            index,
                            report(
                                    url,
                                    swarms,
                                    Either.left(
                                            new TrackerFailure.Timeout(1, Duration.between(begin, scheduler.now()))),
                                    begin)));
            // Stopping is possible only once start() has returned, so every call is made by then.
            var call = trackers.scrape(url, swarms, deadline);
            synchronized (this) {
                onStop.add(() -> conclude(
                        index,
                        new TrackerScrape(
                                url,
                                TrackerStatus.SKIPPED,
                                Option.of(stopReason),
                                swarms,
                                Map.of(),
                                call.requestsSent(),
                                Duration.between(begin, scheduler.now()))));
            }
            call.whenComplete((outcome, bug) -> {
                guard.cancel();
                conclude(
                        index,
                        report(
                                url,
                                swarms,
                                bug == null ? outcome : Either.left(TrackerFailure.Internal.of(bug)),
                                begin));
            });
        }

        void stop(String why) {
            List<Runnable> skips;
            synchronized (this) {
                if (report.isDone()) {
                    return;
                }
                stopReason = why;
                skips = List.copyOf(onStop);
            }
            skips.forEach(Runnable::run);
        }

        private synchronized void conclude(int index, TrackerScrape outcome) {
            if (outcomes[index] != null) {
                return;
            }
            outcomes[index] = outcome;
            listener.accept(outcome);
            if (--remaining == 0) {
                report.complete(new ScrapeReport(List.of(outcomes), Duration.between(begin, scheduler.now())));
            }
        }
    }

    private TrackerScrape report(
            TrackerUrl url, List<InfoHash> swarms, Either<TrackerFailure, ScrapeResponse> outcome, Instant begin) {
        Duration elapsed = Duration.between(begin, scheduler.now());
        return outcome.fold(
                failure -> new TrackerScrape(
                        url,
                        TrackerStatus.of(failure.kind()),
                        Option.of(failure.message()),
                        swarms,
                        Map.of(),
                        failure.attempts(),
                        elapsed),
                response -> new TrackerScrape(
                        url, TrackerStatus.OK, Option.none(), swarms, response.stats(), response.attempts(), elapsed));
    }
}
