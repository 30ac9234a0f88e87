package dev.peerscout.cli;

import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.port.TorrentReader;
import javax.inject.Inject;

/** Reads what the user named, turning a failure into a one-line {@link UserError}. */
final class TorrentReferences {
    /** As {@code scrape --from -}: the torrent's bytes come on standard input. */
    static final String STDIN = "-";

    private final TorrentReader reader;

    @Inject
    TorrentReferences(TorrentReader reader) {
        this.reader = reader;
    }

    Torrent read(String reference) {
        return (STDIN.equals(reference) ? reader.read("standard input", System.in) : reader.read(reference))
                .getOrElseThrow(error -> new UserError(error.message()));
    }
}
