package dev.peerscout.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * What a .torrent file says about the data: files, sizes and pieces. A magnet link has none of
 * this until the metadata is fetched from peers.
 *
 * @param files       in torrent order, pad files included; possibly decoded one at a time (see {@link FileList})
 * @param totalLength the sum of all file lengths, pad files included (what {@code left} announces)
 * @param pieceCount  v1: the number of piece hashes; v2-only: the pieces the files need
 */
public record Contents(FileList files, long totalLength, long pieceLength, long pieceCount) {

    public Contents {
        Objects.requireNonNull(files, "files");
        if (totalLength < 0 || pieceLength <= 0 || pieceCount < 0) {
            throw new IllegalArgumentException("invalid sizes");
        }
    }

    /**
     * The size of the data itself: the sum of the real files, pad files excluded, for v1, v2 and
     * hybrid alike. This is what people are shown; {@link #totalLength} (padded, as libtorrent's
     * total size) is what the protocol counts. One pass over the file list, unless its reader
     * summed it already ({@link FileList#dataLength()}).
     */
    public long dataLength() {
        return files.dataLength();
    }

    /** Contents with the given files, copied. */
    public Contents(List<FileEntry> files, long totalLength, long pieceLength, long pieceCount) {
        this(FileList.of(files), totalLength, pieceLength, pieceCount);
    }
}
