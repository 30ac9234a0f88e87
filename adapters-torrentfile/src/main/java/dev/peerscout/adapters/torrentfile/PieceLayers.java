package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.Fields.malformed;

import dev.peerscout.bencode.BencodeNode;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Structural checks of BEP 52 {@code piece layers} (outside the info dictionary, so not hashed):
 * a dictionary from 32-byte pieces roots to strings of 32-byte hashes, one per piece of the file
 * with that root. Discovery never needs the hashes; the checks are libtorrent 2.0.8's, so a file it
 * refuses as broken is refused here too. Not checked (neither does 2.0.8): that the layer hashes
 * up to the root. A missing layer is fine (it can be fetched from peers); a layer for a root no
 * file has is ignored with a warning.
 */
final class PieceLayers {
    private static final int HASH_BYTES = 32;

    private PieceLayers() {}

    /** Checks the layers of {@code torrent} (the top-level dictionary); returns warnings. */
    static List<String> check(BencodeNode torrent, List<V2File> files, long pieceLength) {
        if (torrent.get("piece layers").isEmpty()) {
            return List.of();
        }
        BencodeNode layers = Fields.dictionary(torrent.get("piece layers").get(), () -> "'piece layers'");
        Map<ByteBuffer, V2File> byRoot = new HashMap<>();
        for (V2File file : files) {
            file.piecesRoot().forEach(root -> byRoot.put(root, file));
        }
        int unknown = 0;
        for (BencodeNode.Entry layer : layers.entries()) {
            byte[] root = layer.key().bytes();
            if (root.length != HASH_BYTES) {
                throw malformed("'piece layers' has a key of " + root.length + " bytes, not a 32-byte pieces root");
            }
            String what = "the piece layer for pieces root " + HexFormat.of().formatHex(root, 0, 8) + "...";
            BencodeNode hashes = Fields.string(layer.value(), () -> what);
            if (hashes.stringLength() % HASH_BYTES != 0) {
                throw malformed(what + " has " + hashes.stringLength() + " bytes, not a multiple of 32");
            }
            V2File file = byRoot.get(ByteBuffer.wrap(root));
            if (file == null) {
                unknown++;
                continue;
            }
            long pieces = Fields.ceilDiv(file.length(), pieceLength);
            if (hashes.stringLength() / HASH_BYTES != pieces) {
                throw malformed("the piece layer for '" + file.joinedPath() + "' holds "
                        + hashes.stringLength() / HASH_BYTES + " hashes, but the file has " + pieces + " pieces");
            }
        }
        return unknown == 0
                ? List.of()
                : List.of("ignored " + unknown + " piece layer(s) for pieces roots that no file has");
    }
}
