package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A discovery's goodbyes: a {@code stopped} to every tracker that accepted our {@code started} (or
 * may have: it left, and the answer timed out or was unreadable), so
 * looking leaves no ghost peer behind, said once discovery has ended, however it ended. A tracker
 * that has not answered yet may still have received our {@code started} (its answer is late, or
 * lost): it gets a {@code stopped} at once, best effort, waited for only briefly so that a dead
 * tracker does not delay the command. One whose {@code started} has not even left (its adapter says
 * so: a UDP connect never answered) is not waited for; it hears {@code stopped} only if that
 * {@code started} is accepted after all. Thread-safe; it calls the tracker client without its lock.
 */
final class Goodbyes {
    /**
     * How long the goodbye waits for trackers that had not answered our {@code started}: long
     * enough for the {@code stopped} to leave and a live tracker to answer, short enough that a dead
     * one costs little.
     */
    static final Duration UNANSWERED_WAIT = Duration.ofMillis(500);

    private final TrackerClient trackers;
    private final Scheduler scheduler;
    private final boolean wanted;
    private final Duration grace;
    private final List<StartedAnnounce> started = new ArrayList<>();
    private final CompletableFuture<Void> farewell = new CompletableFuture<>();
    /** {@link #sayAll} has taken its list: a {@code started} that goes out later says goodbye by itself. */
    private boolean begun;

    Goodbyes(TrackerClient trackers, Scheduler scheduler, DiscoveryOptions options) {
        this.trackers = trackers;
        this.scheduler = scheduler;
        this.wanted = options.sendStopped();
        this.grace = options.stopGrace();
    }

    /** Completes once the goodbyes are sent and answered, or their grace period ran out. */
    CompletableFuture<Void> farewell() {
        return farewell;
    }

    /** Remembers a {@code started} that went out; one that went out after {@link #sayAll} gets its own goodbye. */
    void add(StartedAnnounce announce) {
        boolean late;
        synchronized (this) {
            started.add(announce);
            late = begun;
        }
        if (late) {
            sayLater(announce);
        }
    }

    /** Says goodbye to every tracker that may have our {@code started}, and waits within the grace period. */
    void sayAll() {
        List<StartedAnnounce> startedSoFar;
        synchronized (this) {
            begun = true;
            startedSoFar = List.copyOf(started);
        }
        if (!wanted || startedSoFar.isEmpty()) {
            farewell.complete(null);
            return;
        }
        Instant deadline = scheduler.now().plus(grace);
        List<CompletableFuture<?>> answered = new ArrayList<>();
        List<CompletableFuture<?>> unanswered = new ArrayList<>();
        for (StartedAnnounce announce : startedSoFar) {
            if (announce.outcome().isDone()) {
                if (announce.outcome().join().isRight()) {
                    answered.add(trackers.announce(announce.tracker(), announce.goodbye(), deadline));
                } else if (mayHaveArrived(announce)) {
                    // Its answer was lost or unreadable, not our started: it may hold us, and it answers slowly.
                    unanswered.add(trackers.announce(announce.tracker(), announce.goodbye(), deadline));
                }
            } else if (announce.outcome() instanceof CallInFlight<?> call && !call.requestMayHaveArrived()) {
                // Our started has not left (a UDP connect unanswered): nothing to wait for unless it does.
                sayLater(announce);
            } else {
                unanswered.add(trackers.announce(announce.tracker(), announce.goodbye(), deadline));
            }
        }
        answered.add(scheduler.allOrAfter(min(UNANSWERED_WAIT, grace), unanswered));
        scheduler.allOrAfter(grace, answered).thenRun(() -> farewell.complete(null));
    }

    /** A {@code started} accepted only after the goodbyes were said: its own, not waited for. */
    private void sayLater(StartedAnnounce announce) {
        if (wanted) {
            announce.outcome().thenAccept(outcome -> {
                if (outcome.isRight() || mayHaveArrived(announce)) {
                    trackers.announce(
                            announce.tracker(),
                            announce.goodbye(),
                            scheduler.now().plus(grace));
                }
            });
        }
    }

    /**
     * A failed {@code started} that may still have registered us: no answer in time (the request
     * left; its answer may be late or lost) or an answer we could not read (the tracker had our
     * request). Not a rejection, a refused or unresolved connection, or a UDP connect never answered.
     */
    private static boolean mayHaveArrived(StartedAnnounce announce) {
        Either<TrackerFailure, ?> outcome = announce.outcome().join();
        boolean unanswered = outcome.isLeft()
                && (outcome.getLeft() instanceof TrackerFailure.Timeout
                        || outcome.getLeft() instanceof TrackerFailure.Malformed);
        return unanswered && (!(announce.outcome() instanceof CallInFlight<?> call) || call.requestMayHaveArrived());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
