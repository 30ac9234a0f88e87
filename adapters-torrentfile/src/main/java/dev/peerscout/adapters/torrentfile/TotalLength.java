package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.Fields.malformed;

import dev.peerscout.domain.model.FileEntry;

/**
 * The total size of a torrent's files, pad files included, summed while the files are read and
 * checked only when it is asked for: so a file list is read once, and a broken list is still
 * reported before a total that overflows.
 */
final class TotalLength {
    private long sum;
    /** The files that are not padding: at most {@link #sum}, which stops before it overflows. */
    private long data;

    private boolean overflows;

    static TotalLength of(Iterable<FileEntry> files) {
        TotalLength total = new TotalLength();
        files.forEach(total::add);
        return total;
    }

    /** Adds a file's length, which is never negative. */
    void add(FileEntry file) {
        if (overflows) {
            return;
        }
        long next = sum + file.length();
        if (next < 0) {
            overflows = true; // and the data length stays what it was: never negative
            return;
        }
        sum = next;
        data += file.padding() ? 0 : file.length();
    }

    /** The sum of the files that are not padding, never negative; meaningful once {@link #checked()} passed. */
    long data() {
        return data;
    }

    /** The total; one that overflows or is zero (a torrent without data has no swarm worth finding) is malformed. */
    long checked() {
        if (overflows) {
            throw malformed("total size overflows 64 bits");
        }
        if (sum == 0) {
            throw malformed("invalid length: the total size is 0, the torrent has no content");
        }
        return sum;
    }
}
