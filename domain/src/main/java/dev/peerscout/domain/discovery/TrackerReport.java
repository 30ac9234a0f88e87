package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * How one tracker did during a discovery: its one outcome and what it told us. For a hybrid
 * torrent it covers both swarms (v1 and truncated v2): ok when either answered.
 *
 * @param peers    distinct peers this tracker returned
 * @param attempts requests sent to it, retransmissions included
 * @param droppedPeers entries it sent that cannot be a peer (0.0.0.0, broadcast, multicast, port 0): not among {@code peers}
 */
public record TrackerReport(
        TrackerUrl url,
        int tier,
        TrackerStatus status,
        Option<String> error,
        Option<String> warning,
        Option<Duration> interval,
        Option<Duration> minInterval,
        Option<Integer> seeders,
        Option<Integer> leechers,
        int peers,
        int attempts,
        Duration elapsed,
        int droppedPeers) {

    public TrackerReport(TrackerUrl url, int tier, TrackerStatus status, Option<String> error, Option<String> warning,
            Option<Duration> interval, Option<Duration> minInterval, Option<Integer> seeders, Option<Integer> leechers,
            int peers, int attempts, Duration elapsed) {
        this(url, tier, status, error, warning, interval, minInterval, seeders, leechers, peers, attempts, elapsed, 0);
    }

    public TrackerReport {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(status, "status");
    }

    public boolean ok() {
        return status == TrackerStatus.OK;
    }
}
