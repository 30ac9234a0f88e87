package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Everything a successful HTTP announce answer said, before it becomes the domain's
 * {@link AnnounceResponse} (which has no room yet for {@code namedPeers}, {@code skippedPeers}
 * or the tracker id).
 *
 * @param interval     absent when the tracker sent none (or a non-positive one)
 * @param namedPeers   dict-form peers given by DNS name: not resolved (see {@link TrackerReplies})
 * @param skippedPeers entries we could not use: malformed dicts, port 0, a ragged compact tail
 */
record AnnounceReply(
        Option<Duration> interval,
        Option<Duration> minInterval,
        Option<Integer> seeders,
        Option<Integer> leechers,
        List<Peer> peers,
        List<HostPort> namedPeers,
        int skippedPeers,
        Option<String> warning,
        Option<TrackerId> trackerId,
        Option<InetAddress> externalIp) {

    /** libtorrent's assumption when a tracker gives no interval. */
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);

    AnnounceReply {
        peers = List.copyOf(peers);
        namedPeers = List.copyOf(namedPeers);
    }

    AnnounceResponse toResponse(int attempts) {
        return new AnnounceResponse(
                interval.getOrElse(DEFAULT_INTERVAL),
                minInterval,
                seeders,
                leechers,
                peers,
                warning,
                externalIp,
                attempts,
                skippedPeers);
    }
}
