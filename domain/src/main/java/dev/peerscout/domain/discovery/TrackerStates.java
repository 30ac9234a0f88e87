package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.time.Scheduler;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The trackers of one discovery, asked in the torrent's {@link TierOrder}: each one's state, and
 * its report, told to the listener the moment it concludes (once). Not thread-safe: the discovery
 * touches it, and the order calls it, under the discovery's lock only.
 */
final class TrackerStates implements TierOrder.Asking {
    /** In tier order; a private torrent's tracker that answers moves to the front of its tier. */
    private final List<TrackerState> states;

    private final List<InfoHash> swarms;
    private final TierOrder order;
    private final Instant deadline;
    private final Scheduler scheduler;
    private final DiscoveryListener listener;
    /** Announces to a tracker, to end by the given instant: the discovery sends them once its lock is released. */
    private final BiConsumer<TrackerState, Instant> announce;

    TrackerStates(
            Torrent torrent,
            DiscoveryOptions options,
            TierOrder order,
            Instant deadline,
            Scheduler scheduler,
            DiscoveryListener listener,
            BiConsumer<TrackerState, Instant> announce) {
        this.states = TrackerState.of(torrent, options.extraTrackers());
        this.swarms = torrent.hashes().swarms();
        this.order = order;
        this.deadline = deadline;
        this.scheduler = scheduler;
        this.listener = listener;
        this.announce = announce;
    }

    /** Asks the first trackers, as the order says. */
    void begin() {
        order.beginLocked(this);
    }

    @Override
    public List<TrackerState> states() {
        return states;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Instant now() {
        return scheduler.now();
    }

    @Override
    public void askLocked(TrackerState state, Instant trackerDeadline) {
        state.startedAt = scheduler.now();
        announce.accept(state, trackerDeadline);
    }

    /** {@code state} recorded a swarm's outcome: with every swarm's in, it concludes and the order goes on. */
    void outcomeRecorded(TrackerState state) {
        if (state.results.size() == swarms.size()) {
            conclude(state, state.outcomeReport(scheduler.now()));
            order.concludedLocked(this, state);
        }
    }

    @Override
    public void skipRestLocked(String why) {
        for (TrackerState state : states) {
            if (state.report == null) {
                conclude(state, state.skippedReport(why, scheduler.now()));
            }
        }
    }

    /** At the deadline: the trackers asked and not done have timed out. */
    void timeOutAsked() {
        for (TrackerState state : states) {
            if (state.report == null && state.startedAt != null) {
                conclude(state, state.timedOutReport(swarms, scheduler.now()));
            }
        }
    }

    boolean allConcluded() {
        return states.stream().allMatch(s -> s.report != null);
    }

    /** Every tracker's report, by tier (a stable sort: within a tier, in the order of {@link #states()}). */
    List<TrackerReport> reports() {
        return states.stream()
                .sorted(Comparator.comparingInt(s -> s.tier))
                .map(s -> s.report)
                .toList();
    }

    private void conclude(TrackerState state, TrackerReport report) {
        state.report = report;
        listener.trackerFinished(report);
    }
}
