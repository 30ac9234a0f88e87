package dev.peerscout.domain.metadata;

import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.discovery.TrackerReport;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataRequest;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.port.MetadataWire;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.probe.AddressPolicy;
import dev.peerscout.domain.probe.PeerCalls;
import dev.peerscout.domain.probe.ProbeListener;
import dev.peerscout.domain.probe.ProbeOptions;
import dev.peerscout.domain.probe.ProbeSwarm;
import dev.peerscout.domain.probe.SwarmRun;
import dev.peerscout.domain.run.LateStop;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a magnet link into its info dictionary (BEP 9): finds the swarm's peers as {@code peers}
 * does (trackers, DHT, x.pe, --peer), asks several at once for the metadata, checks each whole copy
 * against the link's hash, and stops at the first that matches. A peer whose copy fails is not
 * asked again; the others go on. Everything ends by the run's one deadline.
 */
public final class FetchMetadata {
    private final ProbeSwarm swarm;
    private final MetadataWire wire;
    private final Scheduler scheduler;

    public FetchMetadata(ProbeSwarm swarm, MetadataWire wire, Scheduler scheduler) {
        this.swarm = swarm;
        this.wire = wire;
        this.scheduler = scheduler;
    }

    /** Hears of discovery and of each peer's outcome; calls are serialised, keep them short. */
    public interface Listener extends ProbeListener {
        default void asked(Peer peer, MetadataAttempt attempt) {}
    }

    public MetadataRun fetch(Torrent torrent, DiscoveryOptions options, MetadataOptions metadata, Listener listener) {
        return new Run(torrent, options, metadata, listener).start();
    }

    /**
     * One fetch. Its lock is the Run itself. A method whose name ends in {@code Locked} must be
     * called with the lock held; every other method takes it itself where it needs it. The wire
     * (and the swarm run) are never called with the lock held.
     */
    private final class Run implements ProbeListener {
        private final Torrent torrent;
        private final DiscoveryOptions options;
        private final MetadataOptions metadata;
        private final Listener listener;
        private final AddressPolicy policy;
        private final Instant deadline;
        private final Set<Peer> seen = new HashSet<>();
        private final ArrayDeque<Peer> queue = new ArrayDeque<>();
        private final Map<Peer, CompletableFuture<MetadataAttempt>> running = new LinkedHashMap<>();
        private final Map<Peer, MetadataAttempt> attempts = new LinkedHashMap<>();
        private final CompletableFuture<Option<MetadataResult.Verified>> done = new CompletableFuture<>();
        private final LateStop swarmStop = new LateStop();
        private int asked;
        private boolean discoveryDone;

        Run(Torrent torrent, DiscoveryOptions options, MetadataOptions metadata, Listener listener) {
            this.torrent = torrent;
            this.options = options;
            this.metadata = metadata;
            this.listener = listener;
            this.policy = new AddressPolicy(metadata.probePrivate(), options.bootstrap());
            this.deadline = scheduler.now().plus(options.timeout());
        }

        MetadataRun start() {
            // Discovery alone (no probes): this run connects to each peer once, for its metadata.
            SwarmRun started =
                    swarm.start(torrent, options.withoutMinPeers(), ProbeOptions.none(metadata.userPeers()), this);
            swarmStop.arrived(started::stop);
            scheduler.schedule(
                    options.timeout().plus(PeerCalls.GUARD_SLACK),
                    () -> end(Option.none(), "no time left before the deadline"));
            started.report().whenComplete((report, bug) -> {
                synchronized (this) {
                    discoveryDone = true;
                }
                scheduler.schedule(Duration.ZERO, this::pump);
            });
            CompletableFuture<MetadataResult> result = done.thenCombine(started.report(), (verified, report) -> {
                synchronized (this) {
                    return new MetadataResult(verified, attempts, report);
                }
            });
            return new MetadataRun(result, started.farewell());
        }

        @Override
        public void peerFound(Peer peer, PeerOrigin origin) {
            synchronized (this) {
                listener.peerFound(peer, origin);
                if (done.isDone() || !seen.add(peer)) {
                    return;
                }
                if (!options.families().contains(peer.family())) {
                    recordLocked(
                            peer,
                            MetadataAttempt.skipped(
                                    "not asked: " + peer.family().display() + " is off"));
                    return;
                }
                Option<String> refusal = policy.refusal(peer, List.of(origin));
                if (refusal.isDefined()) {
                    recordLocked(peer, MetadataAttempt.skipped(refusal.get()));
                    return;
                }
                if (asked + queue.size() >= metadata.maxPeers()) {
                    recordLocked(
                            peer,
                            MetadataAttempt.skipped("not asked: " + metadata.maxPeers() + " peers asked already"));
                    return;
                }
                queue.add(peer);
            }
            // Never call the wire from discovery's listener: launches happen on the scheduler.
            scheduler.schedule(Duration.ZERO, this::pump);
        }

        @Override
        public void trackerFinished(TrackerReport report) {
            synchronized (this) {
                listener.trackerFinished(report);
            }
        }

        @Override
        public void sourceFinished(PeerSource.Summary summary) {
            synchronized (this) {
                listener.sourceFinished(summary);
            }
        }

        /** Starts queued fetches while the bounds allow; ends the run when nothing is left to ask. */
        private void pump() {
            List<MetadataRequest> launches = new ArrayList<>();
            boolean exhausted;
            synchronized (this) {
                while (!done.isDone() && running.size() < metadata.concurrency() && !queue.isEmpty()) {
                    Peer peer = queue.poll();
                    if (PeerCalls.tooLate(scheduler.now(), deadline)) {
                        recordLocked(peer, MetadataAttempt.skipped("not asked: no time left before the deadline"));
                        continue;
                    }
                    asked++;
                    running.put(peer, new CompletableFuture<>());
                    launches.add(new MetadataRequest(
                            peer,
                            torrent.hashes(),
                            options.peerId(),
                            metadata.connectTimeout(),
                            metadata.maxSize(),
                            deadline));
                }
                exhausted = !done.isDone() && discoveryDone && queue.isEmpty() && running.isEmpty();
            }
            launches.forEach(this::launch);
            if (exhausted) {
                end(Option.none(), "every peer found was asked");
            }
        }

        private void launch(MetadataRequest request) {
            CompletableFuture<MetadataAttempt> started = PeerCalls.call(
                    () -> wire.fetch(request),
                    bug -> MetadataAttempt.failed(MetadataStatus.CLOSED, bug, false, Option.none()));
            CompletableFuture<MetadataAttempt> slot;
            synchronized (this) {
                slot = running.get(request.peer());
            }
            if (slot != null) {
                PeerCalls.cancelWhenDone(slot, started);
            }
            started.whenComplete((attempt, bug) -> answered(
                    request.peer(),
                    bug == null
                            ? attempt
                            : MetadataAttempt.failed(
                                    MetadataStatus.CLOSED, "no outcome: " + bug, false, Option.none())));
        }

        private void answered(Peer peer, MetadataAttempt attempt) {
            MetadataAttempt checked = attempt;
            if (attempt.status() == MetadataStatus.COPY) {
                Option<String> mismatch = MetadataVerification.mismatch(
                        torrent.hashes(), attempt.copy().get());
                if (mismatch.isDefined()) {
                    checked = attempt.discarded(MetadataStatus.WRONG_HASH, mismatch.get());
                }
            }
            CompletableFuture<MetadataAttempt> slot;
            synchronized (this) {
                slot = running.remove(peer);
                if (slot == null || done.isDone()) {
                    return;
                }
                recordLocked(peer, checked);
            }
            slot.complete(checked);
            if (checked.status() == MetadataStatus.COPY) {
                end(
                        Option.of(new MetadataResult.Verified(checked.copy().get(), peer)),
                        "verified metadata from " + peer);
            } else {
                pump();
            }
        }

        private void recordLocked(Peer peer, MetadataAttempt attempt) {
            attempts.put(peer, attempt);
            listener.asked(peer, attempt);
        }

        /** Ends the run: fetches under way are abandoned, discovery stops. */
        private void end(Option<MetadataResult.Verified> verified, String why) {
            List<CompletableFuture<MetadataAttempt>> abandoned;
            synchronized (this) {
                if (done.isDone()) {
                    return;
                }
                queue.forEach(peer -> recordLocked(peer, MetadataAttempt.skipped("not asked: " + why)));
                queue.clear();
                running.forEach((peer, slot) -> recordLocked(
                        peer,
                        MetadataAttempt.failed(MetadataStatus.TIMEOUT, "abandoned: " + why, false, Option.none())));
                abandoned = new ArrayList<>(running.values());
                running.clear();
                done.complete(verified);
            }
            abandoned.forEach(slot -> slot.complete(null));
            swarmStop.stop(why);
        }
    }
}
