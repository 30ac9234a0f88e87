package dev.peerscout.domain.metadata;

import dev.peerscout.domain.model.Peer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to fetch a torrent's info dictionary from its swarm.
 *
 * @param maxSize        a {@code metadata_size} above this is refused before any request
 * @param concurrency    peers asked at once
 * @param maxPeers       peers asked in one run, at most
 * @param probePrivate   contact non-public addresses whoever named them
 * @param userPeers      peers the user named (--peer)
 * @param connectTimeout per peer: connecting and its handshake
 */
public record MetadataOptions(
        long maxSize,
        int concurrency,
        int maxPeers,
        boolean probePrivate,
        List<Peer> userPeers,
        Duration connectTimeout) {
    /** Above libtorrent's 30 MiB and anacrolix's 16 MiB; the largest real info dictionary seen is 14 MB. */
    public static final long DEFAULT_MAX_SIZE = 32L * 1024 * 1024;

    public static final int DEFAULT_CONCURRENCY = 30;
    public static final int DEFAULT_MAX_PEERS = 500;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public MetadataOptions {
        userPeers = List.copyOf(userPeers);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxSize < 1 || concurrency < 1 || maxPeers < 1) {
            throw new IllegalArgumentException("metadata bounds must be positive");
        }
    }

    public static MetadataOptions defaults(long maxSize, boolean probePrivate, List<Peer> userPeers) {
        return new MetadataOptions(
                maxSize, DEFAULT_CONCURRENCY, DEFAULT_MAX_PEERS, probePrivate, userPeers, DEFAULT_CONNECT_TIMEOUT);
    }
}
