package dev.peerscout.domain.probe;

import dev.peerscout.domain.model.Peer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to probe the peers of a run.
 *
 * @param probe          probe every peer found; false: only find them (x.pe and --peer still count)
 * @param maxProbes      at most this many probes in one run, PEX's peers included
 * @param concurrency    connections open at once, in total
 * @param perAddress     connections open at once to one IP address
 * @param probePrivate   probe non-public addresses whoever named them
 * @param userPeers      peers the user named (--peer)
 * @param connectTimeout per peer: connecting and its handshake
 * @param settleTime     per peer: after the handshake, for its extension handshake and piece information
 * @param pexWait        per peer offering ut_pex: how long to stay for its first PEX message
 */
public record ProbeOptions(
        boolean probe,
        int maxProbes,
        int concurrency,
        int perAddress,
        boolean probePrivate,
        List<Peer> userPeers,
        Duration connectTimeout,
        Duration settleTime,
        Duration pexWait) {

    public static final int DEFAULT_MAX_PROBES = 500;
    public static final int DEFAULT_CONCURRENCY = 200;
    public static final int DEFAULT_PER_ADDRESS = 10;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SETTLE_TIME = Duration.ofSeconds(2);
    /** A libtorrent leecher sends its first PEX about 2 s after the extension handshake, transmission's takes longer. */
    public static final Duration DEFAULT_PEX_WAIT = Duration.ofMillis(3500);

    public ProbeOptions {
        userPeers = List.copyOf(userPeers);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(settleTime, "settleTime");
        Objects.requireNonNull(pexWait, "pexWait");
        if (maxProbes < 0 || concurrency < 1 || perAddress < 1) {
            throw new IllegalArgumentException("probe bounds must be positive");
        }
    }

    /** No probing: peers are only found. */
    public static ProbeOptions none(List<Peer> userPeers) {
        return defaults(false, DEFAULT_MAX_PROBES, false, userPeers);
    }

    public static ProbeOptions defaults(boolean probe, int maxProbes, boolean probePrivate, List<Peer> userPeers) {
        return new ProbeOptions(
                probe,
                maxProbes,
                DEFAULT_CONCURRENCY,
                DEFAULT_PER_ADDRESS,
                probePrivate,
                userPeers,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_SETTLE_TIME,
                DEFAULT_PEX_WAIT);
    }
}
