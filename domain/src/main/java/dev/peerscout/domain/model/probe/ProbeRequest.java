package dev.peerscout.domain.model.probe;

import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One peer to probe for one swarm.
 *
 * @param hashes           the torrent's hashes: v1, v2-only or hybrid decide the handshake (BEP 52)
 * @param pieceCount       the torrent's piece count (as libtorrent counts it), unknown for a magnet link
 * @param ourId            our peer id
 * @param connectTimeout   for the connection and the peer's handshake together
 * @param settleTime       after the handshake: how long to wait for the extension handshake and piece information
 * @param pexWait          how long to stay for a first PEX message when the peer offers {@code ut_pex}; zero: not at all
 * @param deadline         nothing of the probe runs past this, whatever the other times say
 */
public record ProbeRequest(
        Peer peer,
        InfoHashes hashes,
        Option<Long> pieceCount,
        PeerId ourId,
        Duration connectTimeout,
        Duration settleTime,
        Duration pexWait,
        Instant deadline) {

    public ProbeRequest {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(hashes, "hashes");
        Objects.requireNonNull(pieceCount, "pieceCount");
        Objects.requireNonNull(ourId, "ourId");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(settleTime, "settleTime");
        Objects.requireNonNull(pexWait, "pexWait");
        Objects.requireNonNull(deadline, "deadline");
    }
}
