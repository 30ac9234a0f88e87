package dev.peerscout.domain.port;

import dev.peerscout.domain.model.TorrentError;
import io.vavr.control.Either;

/** Makes a .torrent out of a magnet link and the info dictionary its swarm gave. */
public interface MetainfoWriter {

    /**
     * The .torrent's bytes: {@code info} byte for byte (so the info hash is the link's), the link's
     * {@code tr} as {@code announce} and {@code announce-list} (each its own tier, in the link's
     * order) and its {@code ws} as {@code url-list}.
     */
    Either<TorrentError, byte[]> fromMagnet(String magnetLink, byte[] info);
}
