package dev.peerscout.adapters.torrentfile;

/**
 * A .torrent file that breaks a metainfo rule. Internal to this adapter: the reader turns it into
 * {@code TorrentError.Malformed} at its edge, so callers only ever see values.
 */
final class MalformedTorrentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedTorrentException(String detail) {
        // No stack trace: an expected outcome for bad input, not a bug.
        super(detail, null, false, false);
    }
}
