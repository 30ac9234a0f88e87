package dev.peerscout.domain.probe;

import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.probe.ProbeResult;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The probes of one run within its bounds: which peers found are probed at all (their family on,
 * --max-probes not reached, the {@link AddressPolicy}), the peers waiting for a probe in the order
 * they came, and the probes under way, at most so many at once, in total and per address. Not
 * thread-safe: the run touches it under its lock only.
 */
final class ProbeQueue {
    private final Set<AddressFamily> families;
    private final AddressPolicy policy;
    private final int maxProbes;
    private final int concurrency;
    private final int perAddress;
    private final ArrayDeque<Peer> waiting = new ArrayDeque<>();
    private Map<Peer, CompletableFuture<ProbeResult>> running = new HashMap<>();
    private final Map<InetAddress, Integer> busy = new HashMap<>();
    private int started;

    ProbeQueue(Set<AddressFamily> families, AddressPolicy policy, ProbeOptions options) {
        this.families = families;
        this.policy = policy;
        this.maxProbes = options.maxProbes();
        this.concurrency = options.concurrency();
        this.perAddress = options.perAddress();
    }

    /** Queues a peer just found (from {@code origins}) for a probe, or says why it is not probed. */
    Option<String> offer(Peer peer, List<PeerOrigin> origins) {
        if (!families.contains(peer.family())) {
            return Option.some("not probed: " + peer.family().display() + " is off");
        }
        if (started + waiting.size() >= maxProbes) {
            return Option.some("not probed: --max-probes " + maxProbes + " reached");
        }
        Option<String> refusal = policy.refusal(peer, origins);
        if (refusal.isEmpty()) {
            waiting.add(peer);
        }
        return refusal;
    }

    /**
     * The first waiting peer whose probe may start now, taken off the queue: none while every slot
     * is taken. A peer whose address is busy is passed over and waits its turn.
     */
    Option<Peer> next() {
        if (running.size() >= concurrency) {
            return Option.none();
        }
        for (Iterator<Peer> queued = waiting.iterator(); queued.hasNext(); ) {
            Peer peer = queued.next();
            if (busy.getOrDefault(peer.address(), 0) < perAddress) {
                queued.remove();
                return Option.some(peer);
            }
        }
        return Option.none();
    }

    /** The probe of a peer {@link #next()} gave starts: its slot, completed when the probe ends or is abandoned. */
    CompletableFuture<ProbeResult> start(Peer peer) {
        started++;
        busy.merge(peer.address(), 1, Integer::sum);
        CompletableFuture<ProbeResult> slot = new CompletableFuture<>();
        running.put(peer, slot);
        return slot;
    }

    /** Whether probes remain to be started (PEX can only add peers while some do). */
    boolean probesLeft() {
        return started < maxProbes;
    }

    /** The probe in {@code slot} ended; false if it no longer counts (it was abandoned). */
    boolean ended(Peer peer, CompletableFuture<ProbeResult> slot) {
        if (running.remove(peer) != slot) {
            return false;
        }
        busy.computeIfPresent(peer.address(), (a, n) -> n == 1 ? null : n - 1);
        return true;
    }

    /** Nothing waits and nothing is under way. */
    boolean idle() {
        return waiting.isEmpty() && running.isEmpty();
    }

    /** The peers still waiting, in order, taken off the queue: the run ended before their turn. */
    List<Peer> dropWaiting() {
        List<Peer> dropped = List.copyOf(waiting);
        waiting.clear();
        return dropped;
    }

    /** The probes still under way, by peer, forgotten: the run ended without waiting for them. */
    Map<Peer, CompletableFuture<ProbeResult>> abandonRunning() {
        Map<Peer, CompletableFuture<ProbeResult>> abandoned = running;
        running = new HashMap<>();
        busy.clear();
        return abandoned;
    }
}
