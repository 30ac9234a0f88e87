package dev.peerscout.domain.port;

import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import io.vavr.control.Either;

/** Turns what a user typed (a .torrent path or a magnet link) into a {@link Torrent}. */
public interface TorrentReader {

    Either<TorrentError, Torrent> read(String reference);

    /** Parses .torrent content already in memory; {@code source} names it in errors. */
    default Either<TorrentError, Torrent> parse(String source, byte[] content) {
        return Either.left(new TorrentError.Unreadable(source, "this reader reads no .torrent content"));
    }
}
