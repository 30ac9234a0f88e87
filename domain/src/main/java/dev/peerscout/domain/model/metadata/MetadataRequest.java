package dev.peerscout.domain.model.metadata;

import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Ask one peer for the info dictionary of one swarm (BEP 9).
 *
 * @param hashes         the link's hashes: they decide the handshake (BEP 52)
 * @param connectTimeout for the connection and the peer's handshake together
 * @param maxSize        a {@code metadata_size} above this is refused before any request
 * @param deadline       nothing of the fetch runs past this
 */
public record MetadataRequest(
        Peer peer, InfoHashes hashes, PeerId ourId, Duration connectTimeout, long maxSize, Instant deadline) {

    public MetadataRequest {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(hashes, "hashes");
        Objects.requireNonNull(ourId, "ourId");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(deadline, "deadline");
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive");
        }
    }
}
