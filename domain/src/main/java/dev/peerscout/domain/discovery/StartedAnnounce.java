package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Either;
import java.util.concurrent.CompletableFuture;

/** A {@code started} announce that went out: to which tracker, what it said, and its outcome (maybe still to come). */
record StartedAnnounce(
        TrackerUrl tracker,
        AnnounceRequest request,
        CompletableFuture<Either<TrackerFailure, AnnounceResponse>> outcome) {
    /** {@code left} for a magnet link, whose size is unknown: positive, so trackers list us as a leecher. */
    static final long UNKNOWN_SIZE_LEFT = 16_384;

    /** What our {@code started} says for {@code swarm}: we have nothing yet and want peers. */
    static AnnounceRequest request(Torrent torrent, DiscoveryOptions options, InfoHash swarm) {
        long left = torrent.contents().map(c -> c.totalLength()).getOrElse(UNKNOWN_SIZE_LEFT);
        return new AnnounceRequest(
                swarm,
                options.peerId(),
                options.port(),
                0,
                0,
                left,
                AnnounceEvent.STARTED,
                options.numWant(),
                options.key(),
                options.families());
    }

    /** The {@code stopped} that takes it back. */
    AnnounceRequest goodbye() {
        return request.withEvent(AnnounceEvent.STOPPED);
    }
}
