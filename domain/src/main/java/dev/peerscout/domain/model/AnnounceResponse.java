package dev.peerscout.domain.model;

import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A tracker's successful answer to an announce.
 *
 * @param seeders    UDP always says; HTTP trackers may not
 * @param warning    a {@code warning message}: the announce worked, but show the text
 * @param externalIp our address as the tracker saw it (BEP 24)
 * @param attempts   requests sent to get this answer (retransmissions and reconnects included)
 * @param droppedPeers entries the tracker sent that cannot be a peer (port 0, unreadable), not in {@code peers}
 */
public record AnnounceResponse(
        Duration interval,
        Option<Duration> minInterval,
        Option<Integer> seeders,
        Option<Integer> leechers,
        List<Peer> peers,
        Option<String> warning,
        Option<InetAddress> externalIp,
        int attempts,
        int droppedPeers) {

    /** An answer whose every peer entry could be read. */
    public AnnounceResponse(
            Duration interval,
            Option<Duration> minInterval,
            Option<Integer> seeders,
            Option<Integer> leechers,
            List<Peer> peers,
            Option<String> warning,
            Option<InetAddress> externalIp,
            int attempts) {
        this(interval, minInterval, seeders, leechers, peers, warning, externalIp, attempts, 0);
    }

    public AnnounceResponse {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(seeders, "seeders");
        Objects.requireNonNull(leechers, "leechers");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(externalIp, "externalIp");
        peers = List.copyOf(peers);
        if (attempts < 1) {
            throw new IllegalArgumentException("an answer needs at least one attempt");
        }
        if (droppedPeers < 0) {
            throw new IllegalArgumentException("droppedPeers must not be negative");
        }
    }
}
