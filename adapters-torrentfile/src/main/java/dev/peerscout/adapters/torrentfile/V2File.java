package dev.peerscout.adapters.torrentfile;

import io.vavr.control.Option;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One file of a BEP 52 file tree.
 *
 * @param path       the tree keys from the root down to the file, decoded as UTF-8
 * @param piecesRoot the 32-byte Merkle root (read-only); none for empty files and symlinks
 */
record V2File(List<String> path, long length, Option<ByteBuffer> piecesRoot) {

    V2File {
        path = List.copyOf(path);
    }

    String joinedPath() {
        return String.join("/", path);
    }
}
