package dev.peerscout.domain.testing;

import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An in-memory {@link PeerSource} on the injected scheduler's clock, one search at a time. It keeps
 * the port's promises ({@link PeerSourceContract}): its summary comes at the search's deadline or
 * at once on {@code stop()}, counts the distinct peers it handed over, and nothing is handed over
 * after it. Tests script peers found at once, hand peers over by hand, or end the search
 * with a summary of their choosing; {@link #ignoresItsDeadline} makes it misbehave on purpose.
 */
public final class FakePeerSource implements PeerSource {
    private final Scheduler scheduler;
    private final String name;
    private final List<Peer> atOnce = new ArrayList<>();
    private final Set<Peer> handed = new LinkedHashSet<>();
    private Scheduler.Cancellable deadline;
    private int nodesQueried;
    private int nodesAnswered;
    private boolean keepsDeadline = true;

    private Search search;
    private Consumer<Peer> found;
    private CompletableFuture<Summary> summary;
    private boolean ended;
    private boolean stopped;

    public FakePeerSource(Scheduler scheduler, String name) {
        this.scheduler = scheduler;
        this.name = name;
    }

    /** The node counts its summaries report. */
    public synchronized FakePeerSource countingNodes(int queried, int answered) {
        this.nodesQueried = queried;
        this.nodesAnswered = answered;
        return this;
    }

    /** These peers are handed over inside {@code findPeers}, before it returns (as a fast local node's are). */
    public synchronized FakePeerSource findsAtOnce(Peer... peers) {
        atOnce.addAll(List.of(peers));
        return this;
    }

    /** Breaks the promise on purpose: the search runs past its deadline until stopped or finished. */
    public synchronized FakePeerSource ignoresItsDeadline() {
        keepsDeadline = false;
        return this;
    }

    @Override
    public Lookup findPeers(Search search, Consumer<Peer> found) {
        CompletableFuture<Summary> result = new CompletableFuture<>();
        synchronized (this) {
            this.search = search;
            this.found = found;
            this.summary = result;
            this.ended = false;
            this.stopped = false;
            handed.clear();
            if (deadline != null) {
                deadline.cancel(); // the previous search's
                deadline = null;
            }
            if (keepsDeadline) {
                Duration left = Duration.between(scheduler.now(), search.deadline());
                deadline = scheduler.schedule(left, () -> end(null));
            }
        }
        atOnce.forEach(this::hand);
        return new Lookup(result, () -> {
            synchronized (this) {
                stopped = true;
            }
            end(null);
        });
    }

    /** Hands a peer over now, as if just found; dropped once the search has ended. */
    public synchronized void hand(Peer peer) {
        // Under the lock: end() cannot slip in between the check and the hand-over.
        if (found != null && !ended && handed.add(peer)) {
            found.accept(peer);
        }
    }

    /** Ends the search now with this summary (nothing is handed over after it). */
    public void finish(Summary result) {
        end(result);
    }

    /** The last search asked for, or null. */
    public synchronized Search search() {
        return search;
    }

    /** Whether the last search was stopped through its lookup. */
    public synchronized boolean stopped() {
        return stopped;
    }

    private void end(Summary chosen) {
        CompletableFuture<Summary> result;
        Summary outcome;
        synchronized (this) {
            if (ended || summary == null) {
                return;
            }
            ended = true;
            if (deadline != null) {
                deadline.cancel();
                deadline = null;
            }
            result = summary;
            outcome = chosen != null
                    ? chosen
                    : new Summary(name, nodesQueried, nodesAnswered, handed.size(), Option.none());
        }
        result.complete(outcome);
    }
}
