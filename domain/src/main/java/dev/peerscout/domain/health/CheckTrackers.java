package dev.peerscout.domain.health;

import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Tracker health: many tracker URLs checked at once under one deadline, each address of each on
 * its own (newTrackon judges a host by one address). Per address: announce {@code started}, then
 * scrape, then {@code stopped} once the tracker accepted us. A tracker that answers with an error
 * is alive. URLs that are one tracker written differently ({@link TrackerUrl#normalized()}) are
 * checked once and reported under each spelling ({@link CheckRound}). {@link #watch} repeats the
 * round on the {@link Scheduler} and sums up each address ({@link WatchRounds}).
 */
public final class CheckTrackers {
    private final TrackerProbe probe;
    private final Scheduler scheduler;

    public CheckTrackers(TrackerProbe probe, Scheduler scheduler) {
        this.probe = probe;
        this.scheduler = scheduler;
    }

    /** One round; {@code listener} hears each URL as it finishes. */
    public CompletableFuture<CheckReport> check(List<TrackerUrl> urls, CheckOptions options, CheckListener listener) {
        return start(urls, options, listener).report();
    }

    /** One round that the user may end early ({@link CheckRun#stop()}, Ctrl-C), goodbyes included. */
    public CheckRun start(List<TrackerUrl> urls, CheckOptions options, CheckListener listener) {
        CheckRound round = new CheckRound(probe, scheduler, 1, options, listener);
        round.start(urls);
        return new CheckRun(round.report(), round::stop);
    }

    /**
     * A round every {@code every} (measured from the start of the first round; a round that takes
     * longer delays the next), {@code count} rounds or, with 0, until stopped.
     */
    public TrackerWatch watch(
            List<TrackerUrl> urls, CheckOptions options, Duration every, int count, CheckListener listener) {
        if (every.isNegative() || every.isZero() || count < 0) {
            throw new IllegalArgumentException("a watch needs a positive period and a count of 0 or more");
        }
        WatchRounds watch = new WatchRounds(probe, scheduler, urls, options, every, count, listener);
        watch.startRound(1);
        return new TrackerWatch(watch.summary(), watch::stop);
    }
}
