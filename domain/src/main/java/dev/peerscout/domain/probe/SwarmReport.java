package dev.peerscout.domain.probe;

import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.discovery.DiscoveryReport;
import dev.peerscout.domain.model.Peer;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    public long verified() {
        return probes.values().stream().filter(ProbeResult::verified).count();
    }
}
