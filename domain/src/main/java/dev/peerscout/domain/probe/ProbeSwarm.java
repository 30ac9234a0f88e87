package dev.peerscout.domain.probe;

import dev.peerscout.domain.model.probe.PexPeer;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeRequest;
import dev.peerscout.domain.discovery.DiscoverPeers;
import dev.peerscout.domain.discovery.DiscoveredPeer;
import dev.peerscout.domain.discovery.Discovery;
import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.discovery.DiscoveryReport;
import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.discovery.TrackerReport;
import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.PeerWire;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Finds a swarm's peers (trackers, DHT, the magnet link's x.pe, the user's --peer) and, when
 * asked, probes each as it arrives: bounded in total, at once, and per address, under the run's
 * one deadline. Peers that probed peers tell us about (PEX) join the run as peers of their own.
 */
public final class ProbeSwarm {
    /** A probe needs at least this long to mean anything; with less left, a peer is skipped. */
    private static final Duration MIN_PROBE_TIME = Duration.ofMillis(200);
    /** The adapter owes an outcome by the deadline; this guards against one that does not keep its word. */
    private static final Duration GUARD_SLACK = Duration.ofMillis(500);

    private final DiscoverPeers discoverPeers;
    private final PeerWire wire;
    private final Scheduler scheduler;

    public ProbeSwarm(DiscoverPeers discoverPeers, PeerWire wire, Scheduler scheduler) {
        this.discoverPeers = discoverPeers;
        this.wire = wire;
        this.scheduler = scheduler;
    }

    public SwarmRun start(Torrent torrent, DiscoveryOptions options, ProbeOptions probeOptions, ProbeListener listener) {
        return new Run(torrent, options, probeOptions, listener).start();
    }

    /** The magnet link's x.pe peers written as literal addresses; host names are left alone (no DNS here). */
    static List<Peer> hintedPeers(Torrent torrent) {
        List<Peer> peers = new ArrayList<>();
        for (HostPort hint : torrent.peerHints()) {
            if (hint.port() > 0) {
                Addresses.literal(hint.host()).forEach(address -> peers.add(new Peer(address, hint.port())));
            }
        }
        return peers;
    }

    private final class Run {
        private final Torrent torrent;
        private final DiscoveryOptions options;
        private final ProbeOptions probeOptions;
        private final ProbeListener listener;
        private final AddressPolicy policy;
        private final Instant begin;
        private final Instant deadline;
        private final Map<Peer, List<PeerOrigin>> peers = new LinkedHashMap<>();
        private final ArrayDeque<Peer> queue = new ArrayDeque<>();
        private final Map<Peer, CompletableFuture<ProbeResult>> running = new HashMap<>();
        private final Map<java.net.InetAddress, Integer> perAddress = new HashMap<>();
        private final Map<Peer, ProbeResult> results = new LinkedHashMap<>();
        private final List<Runnable> afterUnlock = new ArrayList<>();
        private final CompletableFuture<Void> probesDone = new CompletableFuture<>();
        private int probesStarted;
        private long verified;
        private boolean discoveryDone;
        private boolean finished;
        private boolean enoughVerified;
        private Discovery discovery;
        private String stopWanted;

        Run(Torrent torrent, DiscoveryOptions options, ProbeOptions probeOptions, ProbeListener listener) {
            this.torrent = torrent;
            this.options = options;
            this.probeOptions = probeOptions;
            this.listener = listener;
            this.policy = new AddressPolicy(probeOptions.probePrivate(), options.bootstrap());
            this.begin = scheduler.now();
            this.deadline = begin.plus(options.timeout());
        }

        SwarmRun start() {
            synchronized (this) {
                hintedPeers(torrent).forEach(peer -> found(peer, new PeerOrigin.Source(AddressPolicy.MAGNET)));
                probeOptions.userPeers().forEach(peer -> found(peer, new PeerOrigin.Source(AddressPolicy.USER)));
            }
            runAfterUnlock();
            // With probing, --min-peers counts verified peers: discovery itself must not stop at found ones.
            DiscoveryOptions forDiscovery = probeOptions.probe() ? withoutMinPeers(options) : options;
            Discovery started = discoverPeers.start(torrent, forDiscovery, new Forwarder());
            scheduler.schedule(options.timeout().plus(GUARD_SLACK), () -> end("no time left before the deadline"));
            String stopNow;
            synchronized (this) {
                discovery = started;
                stopNow = stopWanted;
            }
            if (stopNow != null) {
                started.stop(stopNow);
            }
            started.report().whenComplete((report, bug) -> {
                synchronized (this) {
                    discoveryDone = true;
                    finishIfDone();
                }
                runAfterUnlock();
            });
            CompletableFuture<SwarmReport> report = started.report().thenCombine(probesDone, (discovered, ignored) -> merged(discovered));
            return new SwarmRun(report, started.farewell(), this::end);
        }

        /** Discovery's report with the peers only this run knows (x.pe, --peer, PEX) and every origin. */
        private synchronized SwarmReport merged(DiscoveryReport discovered) {
            Map<Peer, List<PeerOrigin>> all = new LinkedHashMap<>();
            peers.forEach((peer, origins) -> all.put(peer, new ArrayList<>(origins)));
            for (DiscoveredPeer found : discovered.peers()) {
                List<PeerOrigin> origins = all.computeIfAbsent(found.peer(), p -> new ArrayList<>());
                found.sources().stream().filter(o -> !origins.contains(o)).forEach(origins::add);
            }
            List<DiscoveredPeer> list = new ArrayList<>();
            all.forEach((peer, origins) -> list.add(new DiscoveredPeer(peer, origins)));
            // The run lasts as long as its last probe, which may be longer than discovery.
            Duration elapsed = Duration.between(begin, scheduler.now());
            DiscoveryReport report = new DiscoveryReport(discovered.hashes(), list, discovered.trackers(), discovered.sources(),
                    elapsed.compareTo(discovered.elapsed()) > 0 ? elapsed : discovered.elapsed(), discovered.enoughPeers() || enoughVerified);
            return new SwarmReport(report, results);
        }

        /** Called with the lock held. */
        private void found(Peer peer, PeerOrigin origin) {
            List<PeerOrigin> origins = peers.get(peer);
            if (origins != null) {
                if (!origins.contains(origin)) {
                    origins.add(origin);
                }
                return;
            }
            if (finished) {
                return;
            }
            origins = new ArrayList<>(List.of(origin));
            peers.put(peer, origins);
            listener.peerFound(peer, origin);
            if (!probeOptions.probe()) {
                return;
            }
            if (!options.families().contains(peer.family())) {
                skip(peer, "not probed: " + peer.family() + " is off");
            } else if (probesStarted + queue.size() >= probeOptions.maxProbes()) {
                skip(peer, "not probed: --max-probes " + probeOptions.maxProbes() + " reached");
            } else {
                Option<String> refusal = policy.refusal(peer, origins);
                if (refusal.isDefined()) {
                    skip(peer, refusal.get());
                } else {
                    queue.add(peer);
                    pump();
                }
            }
        }

        private void skip(Peer peer, String why) {
            ProbeResult result = ProbeResult.skipped(why);
            results.put(peer, result);
            listener.probed(peer, result);
        }

        /** Starts queued probes while the bounds allow; a peer whose address is busy waits its turn. */
        private void pump() {
            Iterator<Peer> waiting = queue.iterator();
            while (running.size() < probeOptions.concurrency() && waiting.hasNext()) {
                Peer peer = waiting.next();
                if (perAddress.getOrDefault(peer.address(), 0) >= probeOptions.perAddress()) {
                    continue;
                }
                waiting.remove();
                if (Duration.between(scheduler.now(), deadline).compareTo(MIN_PROBE_TIME) < 0) {
                    skip(peer, "not probed: no time left before the deadline");
                    continue;
                }
                probesStarted++;
                perAddress.merge(peer.address(), 1, Integer::sum);
                CompletableFuture<ProbeResult> slot = new CompletableFuture<>();
                running.put(peer, slot);
                // PEX can only add peers while probes remain to be spent on them, and never for a private torrent (BEP 27).
                Duration pexWait = probesStarted < probeOptions.maxProbes() && !torrent.isPrivate() ? probeOptions.pexWait() : Duration.ZERO;
                ProbeRequest request = new ProbeRequest(peer, torrent.hashes(), torrent.contents().map(Contents::pieceCount),
                        options.peerId(), probeOptions.connectTimeout(), probeOptions.settleTime(), pexWait, deadline);
                afterUnlock.add(() -> launch(peer, request, slot));
            }
        }

        private void launch(Peer peer, ProbeRequest request, CompletableFuture<ProbeResult> slot) {
            CompletableFuture<ProbeResult> probe;
            try {
                probe = wire.probe(request);
            } catch (RuntimeException bug) {
                probe = CompletableFuture.completedFuture(ProbeResult.failed(ProbeStatus.NOT_BITTORRENT, String.valueOf(bug), Option.none()));
            }
            CompletableFuture<ProbeResult> started = probe;
            slot.whenComplete((r, e) -> started.cancel(false)); // the run ended first: the adapter closes the connection
            started.whenComplete((result, bug) -> probed(peer, slot, bug == null ? result
                    : ProbeResult.failed(ProbeStatus.TIMEOUT, "no outcome: " + bug, Option.none())));
        }

        private void probed(Peer peer, CompletableFuture<ProbeResult> slot, ProbeResult result) {
            synchronized (this) {
                if (finished || running.remove(peer) != slot) {
                    return;
                }
                perAddress.computeIfPresent(peer.address(), (a, n) -> n == 1 ? null : n - 1);
                results.put(peer, result);
                listener.probed(peer, result);
                if (result.verified()) {
                    verified++;
                }
                if (!torrent.isPrivate()) {
                    for (PexPeer told : result.pex()) {
                        found(told.peer(), new PeerOrigin.Pex(peer));
                    }
                }
                if (options.minPeers() > 0 && verified >= options.minPeers()) {
                    enoughVerified = true;
                    afterUnlock.add(() -> end("stopped waiting: " + verified + " verified peers"));
                } else {
                    pump();
                    finishIfDone();
                }
            }
            slot.complete(result);
            runAfterUnlock();
        }

        private void finishIfDone() {
            if (!finished && discoveryDone && queue.isEmpty() && running.isEmpty()) {
                finished = true;
                probesDone.complete(null);
            }
        }

        /** Ends the run now: discovery stops, probes still waiting are skipped, those under way are abandoned. */
        private void end(String why) {
            Discovery toStop;
            List<CompletableFuture<ProbeResult>> abandoned;
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                toStop = discovery;
                if (toStop == null) {
                    stopWanted = why;
                }
                for (Peer peer : queue) {
                    ProbeResult result = ProbeResult.skipped("not probed: " + why);
                    results.put(peer, result);
                    listener.probed(peer, result);
                }
                queue.clear();
                abandoned = new ArrayList<>(running.values());
                running.forEach((peer, slot) -> {
                    ProbeResult result = ProbeResult.failed(ProbeStatus.TIMEOUT, "abandoned: " + why, Option.none());
                    results.put(peer, result);
                    listener.probed(peer, result);
                });
                running.clear();
            }
            abandoned.forEach(slot -> slot.complete(null));
            if (toStop != null) {
                toStop.stop(why);
            }
            probesDone.complete(null);
        }

        private void runAfterUnlock() {
            List<Runnable> actions;
            synchronized (this) {
                actions = List.copyOf(afterUnlock);
                afterUnlock.clear();
            }
            actions.forEach(Runnable::run);
        }

        /** Discovery's news, passed on under this run's lock so the listener hears one thing at a time. */
        private final class Forwarder implements dev.peerscout.domain.discovery.DiscoveryListener {
            @Override
            public void peerFound(Peer peer, PeerOrigin origin) {
                synchronized (Run.this) {
                    found(peer, origin);
                }
                // Probes go out on the adapter's side; never call back into discovery from its own listener.
                scheduler.schedule(Duration.ZERO, Run.this::runAfterUnlock);
            }

            @Override
            public void trackerFinished(TrackerReport report) {
                synchronized (Run.this) {
                    listener.trackerFinished(report);
                }
            }

            @Override
            public void sourceFinished(PeerSource.Summary summary) {
                synchronized (Run.this) {
                    listener.sourceFinished(summary);
                }
            }
        }
    }

    private static DiscoveryOptions withoutMinPeers(DiscoveryOptions o) {
        return new DiscoveryOptions(o.timeout(), o.extraTrackers(), o.numWant(), o.port(), 0, o.families(), o.sendStopped(),
                o.stopGrace(), o.peerId(), o.key(), o.usePeerSources(), o.bootstrap());
    }
}
