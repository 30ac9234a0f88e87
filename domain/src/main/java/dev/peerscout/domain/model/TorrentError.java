package dev.peerscout.domain.model;

/**
 * Why a torrent reference could not be read. Each names the source (a file path or "magnet
 * link") and the problem in one line.
 */
public sealed interface TorrentError {

    /** One line for people: {@code <source>: <problem>}. */
    String message();

    /** The file cannot be opened or read. */
    record Unreadable(String source, String detail) implements TorrentError {
        @Override
        public String message() {
            return source + ": " + detail;
        }
    }

    /** The file is larger than the configured cap; it was not read. */
    record TooLarge(String source, long size, long limit) implements TorrentError {
        @Override
        public String message() {
            return source + ": file is " + size + " bytes, more than the limit of " + limit;
        }
    }

    /** The bytes are not a valid torrent. {@code detail} says what is wrong and where. */
    record Malformed(String source, String detail) implements TorrentError {
        @Override
        public String message() {
            return source + ": " + detail;
        }
    }

    /** A magnet link that cannot be used. */
    record InvalidMagnet(String detail) implements TorrentError {
        @Override
        public String message() {
            return "magnet link: " + detail;
        }
    }
}
