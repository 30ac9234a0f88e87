package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The main use case: find the peers of a torrent's swarms through all of its trackers under one
 * deadline.
 *
 * <p>Public torrents announce to every tracker of every tier at once, so a dead tracker in tier 1
 * costs nothing (libtorrent waits for it to fail first). Private torrents (BEP 27) follow BEP 12:
 * one tracker at a time in tier order, the next only after a failure; a tracker that answers moves
 * to the front of its tier. Hybrid torrents announce both swarms (v1 and truncated v2) to each
 * tracker. Peers are reported the moment they arrive, once each.
 */
public final class DiscoverPeers {
    /** The guard that ends a tracker an adapter failed to end by the deadline. */
    private static final Duration GUARD_SLACK = Duration.ofMillis(250);
    /** A private torrent's tracker gets at least this much of the remaining time, when there is that much. */
    private static final Duration PRIVATE_MIN_SLICE = Duration.ofSeconds(3);
    /** Less time than this left: a private torrent's remaining trackers are not asked at all. */
    private static final Duration PRIVATE_LAST_CHANCE = Duration.ofMillis(100);
    /** How long a stopped peer source may take to hand in its summary. */
    private static final Duration SOURCE_STOP_GRACE = Duration.ofMillis(500);
    /**
     * How long the goodbye waits for trackers that had not answered our {@code started}: long
     * enough for the {@code stopped} to leave and a live tracker to answer, short enough that a dead
     * one costs little.
     */
    static final Duration UNANSWERED_GOODBYE_WAIT = Duration.ofMillis(500);
    /** {@code left} for a magnet link, whose size is unknown: positive, so trackers list us as a leecher. */
    static final long UNKNOWN_SIZE_LEFT = 16_384;

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
     * Tiers of the torrent, then one tier per extra tracker; a URL already listed, however it is
     * spelled ({@link TrackerUrl#normalized()}), is not repeated.
     */
    static List<TrackerState> trackerStates(Torrent torrent, List<TrackerUrl> extraTrackers) {
        List<TrackerState> states = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int nextTier = 0;
        for (var tier : torrent.tiers()) {
            for (TrackerUrl url : tier.trackers()) {
                if (seen.add(url.normalized().value())) {
                    states.add(new TrackerState(url, tier.index()));
                }
            }
            nextTier = Math.max(nextTier, tier.index() + 1);
        }
        for (TrackerUrl url : extraTrackers) {
            if (seen.add(url.normalized().value())) {
                states.add(new TrackerState(url, nextTier++));
            }
        }
        return states;
    }

    /** One tracker's progress: the outcome of each swarm announced to it. */
    static final class TrackerState {
        final TrackerUrl url;
        final int tier;
        final Map<InfoHash, Either<TrackerFailure, AnnounceResponse>> results = new LinkedHashMap<>();
        /** Each swarm's announce once it went out: a tracker skipped early reports what they sent. */
        final Map<InfoHash, CallInFlight<?>> calls = new LinkedHashMap<>();
        final Set<Peer> peers = new LinkedHashSet<>();
        /** Entries that cannot be a peer: distinct addresses, and the most unreadable ones of a swarm (a hybrid's overlap). */
        final Set<Peer> unusable = new HashSet<>();
        int unreadable;
        Instant startedAt;
        TrackerReport report;

        TrackerState(TrackerUrl url, int tier) {
            this.url = url;
            this.tier = tier;
        }
    }

    private final class Run {
        private final Torrent torrent;
        private final DiscoveryOptions options;
        private final DiscoveryListener listener;
        private final List<InfoHash> swarms;
        private final List<TrackerState> states;
        private final Map<Peer, List<PeerOrigin>> peers = new LinkedHashMap<>();
        private final Map<String, PeerSource.Summary> sourceSummaries = new TreeMap<>();
        /** Registered before the source is called: it may hand over peers before findPeers returns. */
        private final Map<String, SourceSearch> sourcesSearching = new TreeMap<>();
        private boolean finishing;
        /** sayGoodbye has taken its list of 'started' announces: a later one says goodbye by itself. */
        private boolean goodbyesBegun;
        private boolean enoughPeers;
        /**
         * Calls into adapters decided while holding this run's lock, made after releasing it: an
         * adapter may be holding its own lock while it waits for ours (the DHT delivering a peer).
         */
        private final List<Runnable> afterUnlock = new ArrayList<>();
        private final Set<InetAddress> ourAddresses = new HashSet<>();
        private final List<CompletableFuture<Either<TrackerFailure, AnnounceResponse>>> started = new ArrayList<>();
        private final List<AnnounceRequest> startedRequests = new ArrayList<>();
        private final List<TrackerUrl> startedTrackers = new ArrayList<>();
        private final CompletableFuture<DiscoveryReport> report = new CompletableFuture<>();
        private final CompletableFuture<Void> farewell = new CompletableFuture<>();
        private final Instant begin;
        private final Instant deadline;
        private Scheduler.Cancellable guard;

        Run(Torrent torrent, DiscoveryOptions options, DiscoveryListener listener) {
            this.torrent = torrent;
            this.options = options;
            this.listener = listener;
            this.swarms = torrent.hashes().swarms();
            this.states = trackerStates(torrent, options.extraTrackers());
            this.begin = scheduler.now();
            this.deadline = begin.plus(options.timeout());
        }

        Discovery start() {
            synchronized (this) {
                guard = scheduler.schedule(options.timeout().plus(GUARD_SLACK), this::deadlinePassed);
                if (torrent.isPrivate()) {
                    askPrivately(0);
                } else {
                    states.forEach(state -> ask(state, deadline));
                }
                // BEP 27: a private torrent's peers come from its own trackers only. The searches
                // start after the announces: opening the DHT's sockets must not delay the trackers.
                if (!torrent.isPrivate() && options.usePeerSources()) {
                    sources.forEach((name, source) -> {
                        SourceSearch search = new SourceSearch();
                        sourcesSearching.put(name, search);
                        afterUnlock.add(() -> search(name, source, search));
                    });
                }
                finishIfAllDone();
            }
            runAfterUnlock();
            return new Discovery(report, farewell, this::stop);
        }

        private void runAfterUnlock() {
            List<Runnable> actions;
            synchronized (this) {
                actions = List.copyOf(afterUnlock);
                afterUnlock.clear();
            }
            actions.forEach(Runnable::run);
        }

        /**
         * Called without the lock: the source may take its own lock, and its threads may be waiting
         * for ours to hand over a peer. It may even find peers (and so end discovery) before it returns.
         */
        private void search(String name, PeerSource source, SourceSearch search) {
            // Nodes the user named are the only start (a test or private DHT); else the torrent's and the defaults.
            boolean userNodes = !options.bootstrap().isEmpty();
            List<HostPort> bootstrap = userNodes ? options.bootstrap() : torrent.dhtNodes();
            PeerOrigin origin = new PeerOrigin.Source(name);
            PeerSource.Lookup lookup;
            try {
                lookup = source.findPeers(new PeerSource.Search(swarms, bootstrap, !userNodes, options.families(), deadline),
                        peer -> sourceFound(origin, peer));
            } catch (RuntimeException bug) {
                // A broken source is reported like one whose search failed; the trackers carry on.
                lookup = PeerSource.Lookup.finished(new PeerSource.Summary(name, 0, 0, 0, Option.of(TrackerFailure.Internal.of(bug).message())));
            }
            synchronized (this) {
                search.lookup = lookup;
                if (search.stopWanted) {
                    afterUnlock.add(lookup::stop);
                }
            }
            lookup.summary().whenComplete((summary, bug) -> sourceDone(name, bug == null ? summary
                    : new PeerSource.Summary(name, 0, 0, 0, Option.of(TrackerFailure.Internal.of(bug).message()))));
            runAfterUnlock();
        }

        private void sourceFound(PeerOrigin origin, Peer peer) {
            synchronized (this) {
                if (!finishing && peer.usable() && !isUs(peer)) {
                    found(origin, peer);
                    checkEnoughPeers();
                }
            }
            runAfterUnlock();
        }

        private void sourceDone(String name, PeerSource.Summary summary) {
            synchronized (this) {
                if (!report.isDone() && sourcesSearching.remove(name) != null) {
                    sourceSummaries.put(name, summary);
                    listener.sourceFinished(summary);
                    if (finishing) {
                        completeWhenSourcesStopped();
                    } else {
                        finishIfAllDone();
                    }
                }
            }
            runAfterUnlock();
        }

        /** BEP 12 for private torrents: the tracker at {@code position}, the next one only if it fails. */
        private void askPrivately(int position) {
            if (position >= states.size()) {
                return;
            }
            Duration remaining = Duration.between(scheduler.now(), deadline);
            if (remaining.compareTo(PRIVATE_LAST_CHANCE) < 0) {
                skipRest("no time left before the deadline");
                return;
            }
            Duration slice = remaining.dividedBy(states.size() - position);
            if (slice.compareTo(PRIVATE_MIN_SLICE) < 0) {
                slice = remaining.compareTo(PRIVATE_MIN_SLICE) < 0 ? remaining : PRIVATE_MIN_SLICE;
            }
            TrackerState state = states.get(position);
            ask(state, scheduler.now().plus(slice));
        }

        /** Called with the lock held: the announces themselves go out once it is released. */
        private void ask(TrackerState state, Instant trackerDeadline) {
            state.startedAt = scheduler.now();
            afterUnlock.add(() -> announceStarted(state, trackerDeadline));
        }

        private void announceStarted(TrackerState state, Instant trackerDeadline) {
            for (InfoHash swarm : swarms) {
                synchronized (this) {
                    if (finishing) {
                        return; // Discovery ended before this announce went out (a source found enough peers).
                    }
                }
                AnnounceRequest request = startedAnnounce(swarm);
                var future = trackers.announce(state.url, request, trackerDeadline);
                boolean afterGoodbyes;
                synchronized (this) {
                    started.add(future);
                    state.calls.put(swarm, future);
                    startedRequests.add(request);
                    startedTrackers.add(state.url);
                    afterGoodbyes = goodbyesBegun;
                }
                if (afterGoodbyes) {
                    sayGoodbyeLater(state.url, request, future);
                }
                future.whenComplete((outcome, bug) -> answered(state, swarm,
                        bug == null ? outcome : Either.left(TrackerFailure.Internal.of(bug))));
            }
        }

        /** A 'started' that went out while the goodbyes were being said gets its own, not waited for. */
        private void sayGoodbyeLater(TrackerUrl url, AnnounceRequest request,
                CompletableFuture<Either<TrackerFailure, AnnounceResponse>> startedAnnounce) {
            if (options.sendStopped()) {
                startedAnnounce.thenAccept(outcome -> {
                    if (outcome.isRight()) {
                        trackers.announce(url, request.withEvent(AnnounceEvent.STOPPED), scheduler.now().plus(options.stopGrace()));
                    }
                });
            }
        }

        private AnnounceRequest startedAnnounce(InfoHash swarm) {
            long left = torrent.contents().map(c -> c.totalLength()).getOrElse(UNKNOWN_SIZE_LEFT);
            return new AnnounceRequest(swarm, options.peerId(), options.port(), 0, 0, left,
                    AnnounceEvent.STARTED, options.numWant(), options.key(), options.families());
        }

        private void answered(TrackerState state, InfoHash swarm, Either<TrackerFailure, AnnounceResponse> outcome) {
            synchronized (this) {
                record(state, swarm, outcome);
            }
            runAfterUnlock();
        }

        private void record(TrackerState state, InfoHash swarm, Either<TrackerFailure, AnnounceResponse> outcome) {
            if (finishing || state.report != null) {
                return;
            }
            state.results.put(swarm, outcome);
            outcome.forEach(response -> {
                response.externalIp().forEach(ourAddresses::add);
                PeerOrigin origin = new PeerOrigin.Tracker(state.url);
                state.unreadable = Math.max(state.unreadable, response.droppedPeers());
                for (Peer peer : response.peers()) {
                    if (!peer.usable()) {
                        state.unusable.add(peer);
                    } else if (!isUs(peer)) {
                        state.peers.add(peer);
                        found(origin, peer);
                    }
                }
            });
            if (state.results.size() == swarms.size()) {
                conclude(state, TrackerReports.of(state, scheduler.now()));
                if (torrent.isPrivate()) {
                    if (state.report.ok()) {
                        moveToFrontOfTier(state);
                        skipRest("private torrent: another tracker of it answered");
                    } else {
                        askPrivately(states.indexOf(state) + 1);
                    }
                }
            }
            checkEnoughPeers();
            finishIfAllDone();
        }

        private void checkEnoughPeers() {
            if (!finishing && options.minPeers() > 0 && peers.size() >= options.minPeers()) {
                skipRest("stopped waiting: " + peers.size() + " peers found");
                finish(true);
            }
        }

        private void finishIfAllDone() {
            if (!finishing && sourcesSearching.isEmpty() && states.stream().allMatch(s -> s.report != null)) {
                finish(false);
            }
        }

        /**
         * Trackers list the announcer itself (opentracker does). We are the peer with our announced
         * port at a loopback address or at the address a tracker says it saw us at (BEP 24).
         */
        private boolean isUs(Peer peer) {
            InetAddress address = peer.address();
            return peer.port() == options.port()
                    && (address.isLoopbackAddress() || address.isAnyLocalAddress() || ourAddresses.contains(address));
        }

        private void found(PeerOrigin origin, Peer peer) {
            List<PeerOrigin> origins = peers.get(peer);
            if (origins == null) {
                peers.put(peer, new ArrayList<>(List.of(origin)));
                listener.peerFound(peer, origin);
            } else if (!origins.contains(origin)) {
                origins.add(origin);
            }
        }

        private void conclude(TrackerState state, TrackerReport trackerReport) {
            state.report = trackerReport;
            listener.trackerFinished(trackerReport);
        }

        /**
         * BEP 12: the tracker that answered goes to the front of its tier. One discovery asks each
         * tracker once, so here this shows in the report's order: the tracker that served us first.
         */
        private void moveToFrontOfTier(TrackerState state) {
            int first = 0;
            while (states.get(first).tier != state.tier) {
                first++;
            }
            states.remove(state);
            states.add(first, state);
        }

        private void skipRest(String why) {
            for (TrackerState state : states) {
                if (state.report == null) {
                    conclude(state, TrackerReports.skipped(state, why, scheduler.now()));
                }
            }
        }

        private void deadlinePassed() {
            synchronized (this) {
                if (!finishing) {
                    for (TrackerState state : states) {
                        if (state.report == null && state.startedAt != null) {
                            TrackerFailure late = new TrackerFailure.Timeout(1, Duration.between(state.startedAt, scheduler.now()));
                            swarms.forEach(swarm -> state.results.putIfAbsent(swarm, Either.left(late)));
                            conclude(state, TrackerReports.of(state, scheduler.now()));
                        }
                    }
                    skipRest("no time left before the deadline");
                    finish(false);
                }
            }
            runAfterUnlock();
        }

        /** The user's stop: like the deadline, without waiting for it. */
        private void stop(String why) {
            synchronized (this) {
                if (!finishing) {
                    skipRest(why);
                    finish(false);
                }
            }
            runAfterUnlock();
        }

        /** Ends discovery: sources still searching are stopped, and the report waits for their summaries. */
        private void finish(boolean enough) {
            if (finishing) {
                return;
            }
            finishing = true;
            enoughPeers = enough;
            guard.cancel();
            if (sourcesSearching.isEmpty()) {
                completeReport();
                return;
            }
            for (SourceSearch search : sourcesSearching.values()) {
                if (search.lookup != null) {
                    afterUnlock.add(search.lookup::stop);
                } else {
                    search.stopWanted = true;
                }
            }
            scheduler.schedule(SOURCE_STOP_GRACE, this::sourcesSlowToStop);
        }

        private void completeWhenSourcesStopped() {
            if (sourcesSearching.isEmpty()) {
                completeReport();
            }
        }

        /** A source that does not summarise promptly after stop() is reported without its counts. */
        private void sourcesSlowToStop() {
            synchronized (this) {
                if (!report.isDone()) {
                    for (String name : sourcesSearching.keySet()) {
                        PeerSource.Summary silent = new PeerSource.Summary(name, 0, 0, 0, Option.of("no summary after it was stopped"));
                        sourceSummaries.put(name, silent);
                        listener.sourceFinished(silent);
                    }
                    sourcesSearching.clear();
                    completeReport();
                }
            }
            runAfterUnlock();
        }

        private void completeReport() {
            List<DiscoveredPeer> found = new ArrayList<>();
            peers.forEach((peer, origins) -> found.add(new DiscoveredPeer(peer, origins)));
            List<TrackerReport> reports = new ArrayList<>();
            states.stream().sorted((a, b) -> Integer.compare(a.tier, b.tier)).forEach(s -> reports.add(s.report));
            report.complete(new DiscoveryReport(torrent.hashes(), found, reports,
                    List.copyOf(sourceSummaries.values()), Duration.between(begin, scheduler.now()), enoughPeers));
            afterUnlock.add(this::sayGoodbye);
        }

        /**
         * Sends {@code stopped} to every tracker that accepted our {@code started}, so looking leaves
         * no ghost peer behind, and waits for those goodbyes within the grace period. A tracker that
         * has not answered yet may still have received our {@code started} (its answer is late, or
         * lost): it gets a {@code stopped} at once, best effort, waited for only briefly so that a
         * dead tracker does not delay the command. One whose {@code started} has not even left (its
         * adapter says so: a UDP connect never answered) is not waited for; it hears {@code stopped}
         * only if that {@code started} is accepted after all.
         */
        private void sayGoodbye() {
            List<CompletableFuture<Either<TrackerFailure, AnnounceResponse>>> startedSoFar;
            List<AnnounceRequest> requests;
            List<TrackerUrl> urls;
            synchronized (this) {
                goodbyesBegun = true;
                startedSoFar = List.copyOf(started);
                requests = List.copyOf(startedRequests);
                urls = List.copyOf(startedTrackers);
            }
            if (!options.sendStopped() || startedSoFar.isEmpty()) {
                farewell.complete(null);
                return;
            }
            Instant goodbyeDeadline = scheduler.now().plus(options.stopGrace());
            List<CompletableFuture<?>> goodbyes = new ArrayList<>();
            List<CompletableFuture<?>> unansweredGoodbyes = new ArrayList<>();
            for (int i = 0; i < startedSoFar.size(); i++) {
                AnnounceRequest stop = requests.get(i).withEvent(AnnounceEvent.STOPPED);
                TrackerUrl url = urls.get(i);
                var startedAnnounce = startedSoFar.get(i);
                if (startedAnnounce.isDone()) {
                    goodbyes.add(startedAnnounce.join().isRight()
                            ? trackers.announce(url, stop, goodbyeDeadline) : CompletableFuture.completedFuture(null));
                } else if (startedAnnounce instanceof CallInFlight<?> call && !call.requestMayHaveArrived()) {
                    // Our started has not left (a UDP connect unanswered): nothing to wait for unless it does.
                    sayGoodbyeLater(url, requests.get(i), startedAnnounce);
                } else {
                    unansweredGoodbyes.add(trackers.announce(url, stop, goodbyeDeadline));
                }
            }
            CompletableFuture<Void> unansweredSettled = new CompletableFuture<>();
            var brief = scheduler.schedule(min(UNANSWERED_GOODBYE_WAIT, options.stopGrace()), () -> unansweredSettled.complete(null));
            CompletableFuture.allOf(unansweredGoodbyes.toArray(CompletableFuture[]::new)).whenComplete((ignored, bug) -> {
                brief.cancel();
                unansweredSettled.complete(null);
            });
            goodbyes.add(unansweredSettled);
            var grace = scheduler.schedule(options.stopGrace(), () -> farewell.complete(null));
            CompletableFuture.allOf(goodbyes.toArray(CompletableFuture[]::new)).whenComplete((ignored, bug) -> {
                grace.cancel();
                farewell.complete(null);
            });
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A peer source's search: its lookup once {@code findPeers} has returned it. */
    private static final class SourceSearch {
        PeerSource.Lookup lookup;
        /** Discovery ended while {@code findPeers} was still running: stop the lookup it returns. */
        boolean stopWanted;
    }

    /** Builds a tracker's report from its swarms' outcomes. */
    static final class TrackerReports {
        private TrackerReports() {}

        static TrackerReport of(TrackerState state, Instant now) {
            Duration elapsed = Duration.between(state.startedAt, now);
            int attempts = state.results.values().stream()
                    .mapToInt(outcome -> outcome.fold(TrackerFailure::attempts, AnnounceResponse::attempts)).sum();
            List<AnnounceResponse> answers = state.results.values().stream().filter(Either::isRight).map(Either::get).toList();
            if (answers.isEmpty()) {
                TrackerFailure failure = state.results.values().iterator().next().getLeft();
                return new TrackerReport(state.url, state.tier, TrackerStatus.of(failure.kind()), Option.of(failure.message()),
                        Option.none(), Option.none(), Option.none(), Option.none(), Option.none(), 0, attempts, elapsed);
            }
            return new TrackerReport(state.url, state.tier, TrackerStatus.OK, Option.none(),
                    Option.ofOptional(answers.stream().flatMap(a -> a.warning().toJavaStream()).findFirst()),
                    Option.ofOptional(answers.stream().map(AnnounceResponse::interval).min(Duration::compareTo)),
                    Option.ofOptional(answers.stream().flatMap(a -> a.minInterval().toJavaStream()).min(Duration::compareTo)),
                    // A hybrid's two swarms overlap; the larger count is the better estimate.
                    Option.ofOptional(answers.stream().flatMap(a -> a.seeders().toJavaStream()).max(Integer::compare)),
                    Option.ofOptional(answers.stream().flatMap(a -> a.leechers().toJavaStream()).max(Integer::compare)),
                    state.peers.size(), attempts, elapsed, state.unusable.size() + state.unreadable);
        }

        static TrackerReport skipped(TrackerState state, String why, Instant now) {
            Duration elapsed = state.startedAt == null ? Duration.ZERO : Duration.between(state.startedAt, now);
            // An answer counts its attempts, an announce still in flight what it has sent so far.
            int attempts = 0;
            for (var call : state.calls.entrySet()) {
                var outcome = state.results.get(call.getKey());
                attempts += outcome == null ? call.getValue().requestsSent()
                        : outcome.fold(TrackerFailure::attempts, AnnounceResponse::attempts);
            }
            return new TrackerReport(state.url, state.tier, TrackerStatus.SKIPPED, Option.of(why), Option.none(),
                    Option.none(), Option.none(), Option.none(), Option.none(), state.peers.size(), attempts, elapsed);
        }
    }
}
