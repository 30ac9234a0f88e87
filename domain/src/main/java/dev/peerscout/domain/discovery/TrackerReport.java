package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.List;
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

    /**
     * A tracker that answered, for a hybrid in either swarm: what its answers say, merged. The
     * swarms overlap, so the larger count is the better estimate; the shortest interval binds.
     */
    public static TrackerReport answered(
            TrackerUrl url,
            int tier,
            List<AnnounceResponse> answers,
            int peers,
            int attempts,
            Duration elapsed,
            int droppedPeers) {
        return new TrackerReport(
                url,
                tier,
                TrackerStatus.OK,
                Option.none(),
                Option.ofOptional(answers.stream()
                        .flatMap(a -> a.warning().toJavaStream())
                        .findFirst()),
                Option.ofOptional(
                        answers.stream().map(AnnounceResponse::interval).min(Duration::compareTo)),
                Option.ofOptional(answers.stream()
                        .flatMap(a -> a.minInterval().toJavaStream())
                        .min(Duration::compareTo)),
                Option.ofOptional(answers.stream()
                        .flatMap(a -> a.seeders().toJavaStream())
                        .max(Integer::compare)),
                Option.ofOptional(answers.stream()
                        .flatMap(a -> a.leechers().toJavaStream())
                        .max(Integer::compare)),
                peers,
                attempts,
                elapsed,
                droppedPeers);
    }

    /** A tracker that answered no swarm: the first swarm's failure stands for it. */
    public static TrackerReport failed(
            TrackerUrl url, int tier, TrackerFailure failure, int attempts, Duration elapsed) {
        return new TrackerReport(
                url,
                tier,
                TrackerStatus.of(failure.kind()),
                Option.of(failure.message()),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                0,
                attempts,
                elapsed,
                0);
    }

    /** A tracker we stopped waiting for, or never asked, for {@code why}; with the peers it gave until then. */
    public static TrackerReport skipped(
            TrackerUrl url, int tier, String why, int peers, int attempts, Duration elapsed) {
        return new TrackerReport(
                url,
                tier,
                TrackerStatus.SKIPPED,
                Option.of(why),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                peers,
                attempts,
                elapsed,
                0);
    }

    public TrackerReport {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(status, "status");
    }

    public boolean ok() {
        return status == TrackerStatus.OK;
    }
}
