package dev.peerscout.domain.probe;

import dev.peerscout.domain.discovery.DiscoverPeers;
import dev.peerscout.domain.discovery.Discovery;
import dev.peerscout.domain.discovery.DiscoveryListener;
import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.discovery.DiscoveryReport;
import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.discovery.TrackerReport;
import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.probe.PexPeer;
import dev.peerscout.domain.model.probe.ProbeRequest;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.PeerWire;
import dev.peerscout.domain.run.AfterUnlock;
import dev.peerscout.domain.run.LateStop;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    private final DiscoverPeers discoverPeers;
    private final PeerWire wire;
    private final Scheduler scheduler;

    public ProbeSwarm(DiscoverPeers discoverPeers, PeerWire wire, Scheduler scheduler) {
        this.discoverPeers = discoverPeers;
        this.wire = wire;
        this.scheduler = scheduler;
    }

    public SwarmRun start(
            Torrent torrent, DiscoveryOptions options, ProbeOptions probeOptions, ProbeListener listener) {
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

    /**
     * One run. Its lock is the Run itself. A method whose name ends in {@code Locked} must be called
     * with the lock held; every other method takes it itself where it needs it. Adapters (and
     * discovery) are never called with the lock held: calls decided under it wait in {@link AfterUnlock}.
     */
    private final class Run {
        private final Torrent torrent;
        private final DiscoveryOptions options;
        private final ProbeOptions probeOptions;
        private final ProbeListener listener;
        private final ProbeQueue probes;
        private final boolean pexAllowed;
        private final Instant begin;
        private final Instant deadline;
        private final Map<Peer, List<PeerOrigin>> peers = new LinkedHashMap<>();
        private final Map<Peer, ProbeResult> results = new LinkedHashMap<>();
        private final AfterUnlock afterUnlock = new AfterUnlock();
        private final LateStop discoveryStop = new LateStop();
        private final CompletableFuture<Void> probesDone = new CompletableFuture<>();
        private long verified;
        private boolean discoveryDone;
        private boolean finished;
        private boolean enoughVerified;

        Run(Torrent torrent, DiscoveryOptions options, ProbeOptions probeOptions, ProbeListener listener) {
            this.torrent = torrent;
            this.options = options;
            this.probeOptions = probeOptions;
            this.listener = listener;
            AddressPolicy policy = new AddressPolicy(probeOptions.probePrivate(), options.bootstrap());
            this.probes = new ProbeQueue(options.families(), policy, probeOptions);
            // BEP 27: a private torrent's peers come from its own trackers only.
            this.pexAllowed = !torrent.isPrivate();
            this.begin = scheduler.now();
            this.deadline = begin.plus(options.timeout());
        }

        SwarmRun start() {
            synchronized (this) {
                hintedPeers(torrent).forEach(peer -> foundLocked(peer, new PeerOrigin.Source(AddressPolicy.MAGNET)));
                probeOptions.userPeers().forEach(peer -> foundLocked(peer, new PeerOrigin.Source(AddressPolicy.USER)));
            }
            afterUnlock.run();
            // With probing, --min-peers counts verified peers: discovery itself must not stop at found ones.
            DiscoveryOptions forDiscovery = probeOptions.probe() ? options.withoutMinPeers() : options;
            Discovery started = discoverPeers.start(torrent, forDiscovery, new Forwarder());
            scheduler.schedule(
                    options.timeout().plus(PeerCalls.GUARD_SLACK), () -> end("no time left before the deadline"));
            discoveryStop.arrived(started::stop);
            started.report().whenComplete((report, bug) -> {
                synchronized (this) {
                    discoveryDone = true;
                    finishIfDoneLocked();
                }
                afterUnlock.run();
            });
            CompletableFuture<SwarmReport> report =
                    started.report().thenCombine(probesDone, (discovered, ignored) -> merged(discovered));
            return new SwarmRun(report, started.farewell(), this::end);
        }

        private synchronized SwarmReport merged(DiscoveryReport discovered) {
            // The run lasts as long as its last probe, which may be longer than discovery.
            Duration elapsed = Duration.between(begin, scheduler.now());
            return SwarmReport.merged(discovered, peers, elapsed, enoughVerified, results);
        }

        private void foundLocked(Peer peer, PeerOrigin origin) {
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
            Option<String> refusal = probes.offer(peer, origins);
            if (refusal.isDefined()) {
                skipLocked(peer, refusal.get());
            } else {
                pumpLocked();
            }
        }

        private void skipLocked(Peer peer, String why) {
            recordLocked(peer, ProbeResult.skipped(why));
        }

        private void recordLocked(Peer peer, ProbeResult result) {
            results.put(peer, result);
            listener.probed(peer, result);
        }

        /** Starts queued probes while the bounds allow; a peer whose address is busy waits its turn. */
        private void pumpLocked() {
            for (Option<Peer> next = probes.next(); next.isDefined(); next = probes.next()) {
                Peer peer = next.get();
                if (PeerCalls.tooLate(scheduler.now(), deadline)) {
                    skipLocked(peer, "not probed: no time left before the deadline");
                    continue;
                }
                CompletableFuture<ProbeResult> slot = probes.start(peer);
                // PEX can only add peers while probes remain to be spent on them.
                boolean pexWanted = pexAllowed && probes.probesLeft();
                ProbeRequest request = new ProbeRequest(
                        peer,
                        torrent.hashes(),
                        torrent.contents().map(Contents::pieceCount),
                        options.peerId(),
                        probeOptions.connectTimeout(),
                        probeOptions.settleTime(),
                        pexWanted ? probeOptions.pexWait() : Duration.ZERO,
                        deadline);
                afterUnlock.add(() -> launch(peer, request, slot));
            }
        }

        private void launch(Peer peer, ProbeRequest request, CompletableFuture<ProbeResult> slot) {
            CompletableFuture<ProbeResult> started = PeerCalls.call(
                    () -> wire.probe(request),
                    bug -> ProbeResult.failed(ProbeStatus.NOT_BITTORRENT, bug, Option.none()));
            PeerCalls.cancelWhenDone(slot, started);
            started.whenComplete((result, bug) -> probed(
                    peer,
                    slot,
                    bug == null
                            ? result
                            : ProbeResult.failed(ProbeStatus.TIMEOUT, "no outcome: " + bug, Option.none())));
        }

        private void probed(Peer peer, CompletableFuture<ProbeResult> slot, ProbeResult result) {
            synchronized (this) {
                if (finished || !probes.ended(peer, slot)) {
                    return;
                }
                recordLocked(peer, result);
                if (result.verified()) {
                    verified++;
                }
                if (pexAllowed) {
                    for (PexPeer told : result.pex()) {
                        foundLocked(told.peer(), new PeerOrigin.Pex(peer));
                    }
                }
                if (options.minPeers() > 0 && verified >= options.minPeers()) {
                    enoughVerified = true;
                    afterUnlock.add(() -> end("stopped waiting: " + verified + " verified peers"));
                } else {
                    pumpLocked();
                    finishIfDoneLocked();
                }
            }
            slot.complete(result);
            afterUnlock.run();
        }

        private void finishIfDoneLocked() {
            if (!finished && discoveryDone && probes.idle()) {
                finished = true;
                probesDone.complete(null);
            }
        }

        /** Ends the run now: discovery stops, probes still waiting are skipped, those under way are abandoned. */
        private void end(String why) {
            Map<Peer, CompletableFuture<ProbeResult>> abandoned;
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                probes.dropWaiting().forEach(peer -> skipLocked(peer, "not probed: " + why));
                abandoned = probes.abandonRunning();
                abandoned.forEach((peer, slot) -> recordLocked(
                        peer, ProbeResult.failed(ProbeStatus.TIMEOUT, "abandoned: " + why, Option.none())));
            }
            abandoned.values().forEach(slot -> slot.complete(null));
            discoveryStop.stop(why);
            probesDone.complete(null);
        }

        /** Discovery's news, passed on under this run's lock so the listener hears one thing at a time. */
        private final class Forwarder implements DiscoveryListener {
            @Override
            public void peerFound(Peer peer, PeerOrigin origin) {
                synchronized (Run.this) {
                    foundLocked(peer, origin);
                }
                // Probes go out on the adapter's side; never call back into discovery from its own listener.
                scheduler.schedule(Duration.ZERO, afterUnlock::run);
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
}
