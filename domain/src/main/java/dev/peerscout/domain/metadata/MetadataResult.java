package dev.peerscout.domain.metadata;

import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.probe.SwarmReport;
import io.vavr.control.Option;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A run's outcome: the verified info dictionary and who gave it, if any peer did; every peer asked
 * and how it ended, in the order they ended; and discovery's report.
 */
public record MetadataResult(Option<Verified> verified, Map<Peer, MetadataAttempt> attempts, SwarmReport swarm) {

    /** The info dictionary exactly as {@code from} sent it, its hash checked against the link. */
    public record Verified(byte[] info, Peer from) {
        public Verified {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(from, "from");
        }
    }

    public MetadataResult {
        Objects.requireNonNull(verified, "verified");
        Objects.requireNonNull(swarm, "swarm");
        attempts = Collections.unmodifiableMap(new LinkedHashMap<>(attempts));
    }

    /** Peers found by every source. */
    public int peersFound() {
        return swarm.discovery().peers().size();
    }

    /** Peers whose extension handshake offered {@code ut_metadata}. */
    public long offered() {
        return attempts.values().stream().filter(MetadataAttempt::offered).count();
    }

    public long count(MetadataStatus status) {
        return attempts.values().stream().filter(a -> a.status() == status).count();
    }
}
