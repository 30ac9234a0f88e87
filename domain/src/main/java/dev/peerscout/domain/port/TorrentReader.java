package dev.peerscout.domain.port;

import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import io.vavr.control.Either;
import java.io.InputStream;

/** Turns what a user typed (a .torrent path or a magnet link) into a {@link Torrent}. */
public interface TorrentReader {

    /** {@code reference} is a magnet link or a file name as {@link dev.peerscout.domain.model.LosslessText} decodes it. */
    Either<TorrentError, Torrent> read(String reference);

    /** Parses .torrent content already in memory; {@code source} names it in errors. */
    default Either<TorrentError, Torrent> parse(String source, byte[] content) {
        return Either.left(new TorrentError.Unreadable(source, "this reader reads no .torrent content"));
    }

    /** A .torrent file's content from a stream (standard input), named {@code source} in errors; bounded like a file. */
    default Either<TorrentError, Torrent> read(String source, InputStream content) {
        return Either.left(new TorrentError.Unreadable(source, "this reader takes no torrent from a stream"));
    }
}
