package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.Fields.malformed;

import dev.peerscout.domain.model.FileEntry;
import java.util.List;

/**
 * A hybrid torrent describes its files twice (BEP 52 "upgrade path"); both descriptions must name
 * the same files in the same order with the same sizes, and the v1 pad files must put each
 * non-empty file where the v2 layout does: on a piece boundary. A v1 list may end without the
 * last pad (libtorrent accepts that: {@code v2_hybrid-missing-tailpad}).
 */
final class HybridConsistency {
    private HybridConsistency() {}

    static void check(List<FileEntry> v1Files, List<V2File> v2Files, long pieceLength) {
        int v2Index = 0;
        long v1Offset = 0;
        long v2Offset = 0;
        for (FileEntry v1 : v1Files) {
            if (!v1.padding()) {
                if (v2Index == v2Files.size()) {
                    throw disagree("'files' has more files than 'file tree' (" + v2Files.size() + ")");
                }
                V2File v2 = v2Files.get(v2Index);
                if (!v1.path().equals(v2.path())) {
                    throw disagree("file " + v2Index + " is '" + v1.joinedPath() + "' in 'files' but '"
                            + v2.joinedPath() + "' in 'file tree'");
                }
                if (v1.length() != v2.length()) {
                    throw disagree("'" + v1.joinedPath() + "' has " + v1.length() + " bytes in 'files' but "
                            + v2.length() + " in 'file tree'");
                }
                if (v1.length() > 0 && v1Offset != v2Offset) {
                    throw disagree("'" + v1.joinedPath() + "' starts at byte " + v1Offset + " in the v1 layout but at "
                            + v2Offset + " in the v2 layout (pad files do not align it to a piece)");
                }
                v2Offset += V2FileTree.paddedLength(v2.length(), pieceLength);
                v2Index++;
            }
            v1Offset += v1.length();
        }
        if (v2Index != v2Files.size()) {
            throw disagree("'file tree' has " + v2Files.size() + " files but 'files' only " + v2Index);
        }
    }

    private static MalformedTorrentException disagree(String detail) {
        return malformed("the v1 and v2 file lists of this hybrid torrent disagree: " + detail);
    }
}
