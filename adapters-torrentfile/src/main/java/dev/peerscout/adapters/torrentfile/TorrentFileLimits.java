package dev.peerscout.adapters.torrentfile;

/**
 * Resource bounds for reading .torrent files. A file over {@code maxFileBytes} is refused before
 * it is read; the bencode scan refuses nesting deeper than {@code maxDepth} and more than
 * {@code maxContainers} lists and dictionaries (the container index costs 8 bytes each, so the
 * default bounds it at 64 MiB however the input is crafted).
 *
 * <p>Not limited on purpose: piece count and file size. peerscout keeps the piece count as a
 * number and never allocates per piece or per byte of content, so libtorrent's storage limits
 * (0x200000 pieces, files below 2^48 bytes) do not protect anything here.
 */
public record TorrentFileLimits(long maxFileBytes, int maxDepth, int maxContainers) {

    /** 64 MiB: ten times the largest real torrents; libtorrent's own default is 10 MB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** libtorrent's bdecode depth limit. */
    public static final int DEFAULT_MAX_DEPTH = 100;
    /** 2^23: room for 4 million files (a dictionary and a path list each). */
    public static final int DEFAULT_MAX_CONTAINERS = 1 << 23;

    public static final TorrentFileLimits DEFAULT =
            new TorrentFileLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_CONTAINERS);

    public TorrentFileLimits {
        // The whole file is held in one array.
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFileBytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        if (maxDepth < 1 || maxContainers < 1) {
            throw new IllegalArgumentException("maxDepth and maxContainers must be positive");
        }
    }

    /** The defaults with another input cap. */
    public static TorrentFileLimits withMaxFileBytes(long maxFileBytes) {
        return new TorrentFileLimits(maxFileBytes, DEFAULT_MAX_DEPTH, DEFAULT_MAX_CONTAINERS);
    }
}
