package dev.peerscout.domain.probe;

import dev.peerscout.domain.discovery.DiscoveredPeer;
import dev.peerscout.domain.discovery.DiscoveryReport;
import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.probe.ProbeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run's outcome: discovery's report (its peers include those of x.pe, --peer and PEX) and the
 * outcome of every probe, in the order they ended.
 */
public record SwarmReport(DiscoveryReport discovery, Map<Peer, ProbeResult> probes) {

    public SwarmReport {
        Objects.requireNonNull(discovery, "discovery");
        probes = Collections.unmodifiableMap(new LinkedHashMap<>(probes));
    }

    /**
     * Discovery's report with the peers only the run knows (x.pe, --peer, PEX) and every origin;
     * the run lasts {@code elapsed} if that is longer than discovery, and had enough peers if either
     * found enough.
     */
    static SwarmReport merged(
            DiscoveryReport discovered,
            Map<Peer, List<PeerOrigin>> runPeers,
            Duration elapsed,
            boolean enoughVerified,
            Map<Peer, ProbeResult> probes) {
        Map<Peer, List<PeerOrigin>> all = new LinkedHashMap<>();
        runPeers.forEach((peer, origins) -> all.put(peer, new ArrayList<>(origins)));
        for (DiscoveredPeer found : discovered.peers()) {
            List<PeerOrigin> origins = all.computeIfAbsent(found.peer(), p -> new ArrayList<>());
            found.sources().stream().filter(o -> !origins.contains(o)).forEach(origins::add);
        }
        List<DiscoveredPeer> list = new ArrayList<>();
        all.forEach((peer, origins) -> list.add(new DiscoveredPeer(peer, origins)));
        DiscoveryReport report = new DiscoveryReport(
                discovered.hashes(),
                list,
                discovered.trackers(),
                discovered.sources(),
                elapsed.compareTo(discovered.elapsed()) > 0 ? elapsed : discovered.elapsed(),
                discovered.enoughPeers() || enoughVerified);
        return new SwarmReport(report, probes);
    }

    public long verified() {
        return probes.values().stream().filter(ProbeResult::verified).count();
    }
}
