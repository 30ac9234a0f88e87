package dev.peerscout.domain.model;

import java.util.List;

/**
 * One file of a torrent. {@code path} holds the elements as the torrent names them (already
 * decoded to text, never sanitised: peerscout writes no files). Pad files (BEP 47) are
 * alignment filler that clients do not show.
 */
public record FileEntry(List<String> path, long length, boolean padding) {

    public FileEntry {
        path = List.copyOf(path);
        if (length < 0) {
            throw new IllegalArgumentException("negative file length");
        }
    }

    /** The path elements joined with {@code /}. */
    public String joinedPath() {
        return String.join("/", path);
    }
}
