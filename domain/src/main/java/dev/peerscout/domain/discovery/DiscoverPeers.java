package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.run.AfterUnlock;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The main use case: find the peers of a torrent's swarms through all of its trackers under one
 * deadline.
 *
 * <p>The trackers are asked in the torrent's {@link TierOrder}: all at once for a public torrent,
 * one at a time for a private one (BEP 12, BEP 27). Hybrid torrents announce both swarms (v1 and
 * truncated v2) to each tracker. Peers are reported the moment they arrive, once each. However
 * discovery ends, the {@link Goodbyes} follow.
 */
public final class DiscoverPeers {
    /** The guard that ends a tracker an adapter failed to end by the deadline. */
    private static final Duration GUARD_SLACK = Duration.ofMillis(250);
    /** How long a stopped peer source may take to hand in its summary. */
    private static final Duration SOURCE_STOP_GRACE = Duration.ofMillis(500);

    private final TrackerClient trackers;
    private final Map<String, PeerSource> sources;
    private final Scheduler scheduler;

    public DiscoverPeers(TrackerClient trackers, Scheduler scheduler) {
        this(trackers, Map.of(), scheduler);
    }

    /** With peer sources besides the trackers (the DHT), by the name reports give them. */
    public DiscoverPeers(TrackerClient trackers, Map<String, PeerSource> sources, Scheduler scheduler) {
        this.trackers = trackers;
        this.sources = new TreeMap<>(sources);
        this.scheduler = scheduler;
    }

    public Discovery start(Torrent torrent, DiscoveryOptions options, DiscoveryListener listener) {
        return new Run(torrent, options, listener).start();
    }

    /**
     * One discovery. Its lock is the Run itself. A method whose name ends in {@code Locked} must be
     * called with the lock held; every other method takes it itself where it needs it. Adapters are
     * never called with the lock held: calls decided under it wait in {@link AfterUnlock}.
     */
    private final class Run {
        private final Torrent torrent;
        private final DiscoveryOptions options;
        private final DiscoveryListener listener;
        private final List<InfoHash> swarms;
        private final TierOrder order;
        private final TrackerStates states;
        private final FoundPeers peers;
        private final SourceSearches searches = new SourceSearches();
        private final Goodbyes goodbyes;
        private final AfterUnlock afterUnlock = new AfterUnlock();
        private final CompletableFuture<DiscoveryReport> report = new CompletableFuture<>();
        private final Instant begin;
        private final Instant deadline;
        private boolean finishing;
        private boolean enoughPeers;
        private Scheduler.Cancellable guard;

        Run(Torrent torrent, DiscoveryOptions options, DiscoveryListener listener) {
            this.torrent = torrent;
            this.options = options;
            this.listener = listener;
            this.swarms = torrent.hashes().swarms();
            this.order = TierOrder.of(torrent);
            this.peers = new FoundPeers(options.port());
            this.goodbyes = new Goodbyes(trackers, scheduler, options);
            this.begin = scheduler.now();
            this.deadline = begin.plus(options.timeout());
            this.states = new TrackerStates(
                    torrent,
                    options,
                    order,
                    deadline,
                    scheduler,
                    listener,
                    (state, trackerDeadline) -> afterUnlock.add(() -> announceStarted(state, trackerDeadline)));
        }

        Discovery start() {
            synchronized (this) {
                guard = scheduler.schedule(
                        options.timeout().plus(GUARD_SLACK), () -> end("no time left before the deadline", true));
                states.begin();
                // The searches start after the announces: opening the DHT's sockets must not delay the trackers.
                if (order.othersMayFindPeers() && options.usePeerSources()) {
                    sources.forEach((name, source) -> {
                        SourceSearches.Search search = searches.begin(name);
                        afterUnlock.add(() -> search(name, source, search));
                    });
                }
                finishIfAllDoneLocked();
            }
            afterUnlock.run();
            return new Discovery(report, goodbyes.farewell(), why -> end(why, false));
        }

        /** The source may even find peers (and so end discovery) before it returns. */
        private void search(String name, PeerSource source, SourceSearches.Search search) {
            PeerOrigin origin = new PeerOrigin.Source(name);
            PeerSource.Search what = SourceSearches.what(torrent, options, deadline);
            PeerSource.Lookup lookup = SourceSearches.lookUp(name, source, what, peer -> sourceFound(origin, peer));
            synchronized (this) {
                if (search.started(lookup)) {
                    afterUnlock.add(lookup::stop);
                }
            }
            SourceSearches.summaryOf(name, lookup).thenAccept(summary -> sourceDone(name, summary));
            afterUnlock.run();
        }

        private void sourceFound(PeerOrigin origin, Peer peer) {
            synchronized (this) {
                if (!finishing && peer.usable() && !peers.isUs(peer)) {
                    foundLocked(origin, peer);
                    checkEnoughPeersLocked();
                }
            }
            afterUnlock.run();
        }

        private void sourceDone(String name, PeerSource.Summary summary) {
            synchronized (this) {
                if (!report.isDone() && searches.finished(name, summary)) {
                    listener.sourceFinished(summary);
                    if (!finishing) {
                        finishIfAllDoneLocked();
                    } else if (searches.noneSearching()) {
                        completeReportLocked();
                    }
                }
            }
            afterUnlock.run();
        }

        private void announceStarted(TrackerState state, Instant trackerDeadline) {
            for (InfoHash swarm : swarms) {
                synchronized (this) {
                    if (finishing) {
                        return; // Discovery ended before this announce went out (a source found enough peers).
                    }
                }
                AnnounceRequest request = StartedAnnounce.request(torrent, options, swarm);
                var outcome = trackers.announce(state.url, request, trackerDeadline);
                synchronized (this) {
                    state.calls.put(swarm, outcome);
                }
                goodbyes.add(new StartedAnnounce(state.url, request, outcome));
                outcome.whenComplete((answer, bug) ->
                        answered(state, swarm, bug == null ? answer : Either.left(TrackerFailure.Internal.of(bug))));
            }
        }

        private void answered(TrackerState state, InfoHash swarm, Either<TrackerFailure, AnnounceResponse> outcome) {
            synchronized (this) {
                recordLocked(state, swarm, outcome);
            }
            afterUnlock.run();
        }

        private void recordLocked(
                TrackerState state, InfoHash swarm, Either<TrackerFailure, AnnounceResponse> outcome) {
            if (finishing || state.report != null) {
                return;
            }
            outcome.forEach(response -> response.externalIp().forEach(peers::weAreAt));
            PeerOrigin origin = new PeerOrigin.Tracker(state.url);
            state.record(swarm, outcome, peers::isUs).forEach(peer -> foundLocked(origin, peer));
            states.outcomeRecorded(state);
            checkEnoughPeersLocked();
            finishIfAllDoneLocked();
        }

        private void foundLocked(PeerOrigin origin, Peer peer) {
            if (peers.add(peer, origin)) {
                listener.peerFound(peer, origin);
            }
        }

        private void checkEnoughPeersLocked() {
            if (!finishing && options.minPeers() > 0 && peers.size() >= options.minPeers()) {
                states.skipRestLocked("stopped waiting: " + peers.size() + " peers found");
                finishLocked(true);
            }
        }

        private void finishIfAllDoneLocked() {
            if (!finishing && searches.noneSearching() && states.allConcluded()) {
                finishLocked(false);
            }
        }

        /**
         * Ends discovery early, at the deadline or at the user's stop (like the deadline, without
         * waiting for it). At the deadline, trackers asked and not done have timed out; the rest are skipped.
         */
        private void end(String why, boolean deadlinePassed) {
            synchronized (this) {
                if (!finishing) {
                    if (deadlinePassed) {
                        states.timeOutAsked();
                    }
                    states.skipRestLocked(why);
                    finishLocked(false);
                }
            }
            afterUnlock.run();
        }

        /** Ends discovery: sources still searching are stopped, and the report waits for their summaries. */
        private void finishLocked(boolean enough) {
            if (finishing) {
                return;
            }
            finishing = true;
            enoughPeers = enough;
            guard.cancel();
            if (searches.noneSearching()) {
                completeReportLocked();
                return;
            }
            searches.stopAll().forEach(afterUnlock::add);
            scheduler.schedule(SOURCE_STOP_GRACE, this::sourcesSlowToStop);
        }

        /** A source that does not summarise promptly after stop() is reported without its counts. */
        private void sourcesSlowToStop() {
            synchronized (this) {
                if (!report.isDone()) {
                    searches.giveUp("no summary after it was stopped").forEach(listener::sourceFinished);
                    completeReportLocked();
                }
            }
            afterUnlock.run();
        }

        private void completeReportLocked() {
            report.complete(new DiscoveryReport(
                    torrent.hashes(),
                    peers.list(),
                    states.reports(),
                    searches.summaries(),
                    Duration.between(begin, scheduler.now()),
                    enoughPeers));
            afterUnlock.add(goodbyes::sayAll);
        }
    }
}
