package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.Fields.malformed;

import dev.peerscout.bencode.BencodeNode;
import dev.peerscout.domain.model.FileEntry;
import io.vavr.control.Option;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a BEP 52 {@code file tree}: directories are dictionaries keyed by path element; a file is
 * a dictionary whose empty key {@code ""} holds {@code length}, {@code pieces root} and maybe
 * {@code attr}. Walked with an explicit stack, so the depth limit is the decoder's alone.
 *
 * <p>Rejected, as libtorrent does: an empty path element, a node that is not a dictionary, a file
 * without a valid {@code length}, a non-empty file without a 32-byte non-zero {@code pieces root},
 * a pad file (pads have no place in a v2 tree) and a tree without files.
 */
final class V2FileTree {
    private static final int ROOT_HASH_BYTES = 32;

    private V2FileTree() {}

    static List<V2File> read(BencodeNode fileTree) {
        Fields.dictionary(fileTree, () -> "'file tree' in info");
        List<V2File> files = new ArrayList<>();
        Deque<Directory> stack = new ArrayDeque<>();
        stack.push(new Directory(List.of(), fileTree.entries()));
        while (!stack.isEmpty()) {
            Directory directory = stack.peek();
            if (directory.next == directory.entries.size()) {
                stack.pop();
                continue;
            }
            BencodeNode.Entry entry = directory.entries.get(directory.next++);
            List<String> path = append(directory.path, entry.key().text());
            if (entry.key().stringLength() == 0) {
                throw malformed("'file tree' has an empty file name in "
                        + (directory.path.isEmpty() ? "its root" : "'" + String.join("/", directory.path) + "'"));
            }
            BencodeNode node =
                    Fields.dictionary(entry.value(), () -> "'file tree' entry '" + String.join("/", path) + "'");
            Optional<BencodeNode> file = node.get("");
            if (file.isPresent()) {
                files.add(file(path, file.get()));
            } else {
                stack.push(new Directory(path, node.entries()));
            }
        }
        if (files.isEmpty()) {
            throw malformed("'file tree' in info lists no files");
        }
        return files;
    }

    /**
     * The files as libtorrent 2.0.8 lays out a v2-only torrent: every non-empty file starts on a
     * piece boundary, so a pad file follows each one whose size is not a multiple of the piece
     * length (the last one too; total size = pieces x piece length). Pads are named
     * {@code .pad/<size>} and flagged.
     */
    static List<FileEntry> alignedFiles(List<V2File> files, long pieceLength) {
        List<FileEntry> aligned = new ArrayList<>(files.size() * 2);
        for (V2File file : files) {
            aligned.add(new FileEntry(file.path(), file.length(), false));
            long pad = paddedLength(file.length(), pieceLength) - file.length();
            if (pad > 0) {
                aligned.add(new FileEntry(List.of(".pad", Long.toString(pad)), pad, true));
            }
        }
        return aligned;
    }

    /** Bytes a file occupies in the v2 layout: whole pieces. */
    static long paddedLength(long length, long pieceLength) {
        long pieces = Fields.ceilDiv(length, pieceLength);
        if (pieces > Long.MAX_VALUE / pieceLength) {
            throw malformed("file size " + length + " rounded up to whole pieces overflows 64 bits");
        }
        return pieces * pieceLength;
    }

    private static V2File file(List<String> path, BencodeNode marker) {
        Supplier<String> where = () -> "v2 file '" + String.join("/", path) + "'";
        BencodeNode properties = Fields.dictionary(marker, () -> where.get() + " ('' entry)");
        List<Optional<BencodeNode>> fields = properties.getAll("attr", "length", "pieces root");
        String attr = fields.get(0)
                .filter(BencodeNode::isString)
                .map(BencodeNode::text)
                .orElse("");
        if (attr.indexOf('p') >= 0) {
            throw malformed(where.get() + " has the pad attribute: pad files are not allowed in a v2 file tree");
        }
        if (attr.indexOf('l') >= 0) {
            return new V2File(path, 0, Option.none()); // a symlink has no data of its own
        }
        BencodeNode lengthNode = fields.get(1).orElseThrow(() -> malformed(where.get() + " has no 'length'"));
        long length = Fields.longValue(lengthNode, () -> where.get() + " 'length'");
        if (length < 0) {
            throw malformed(where.get() + " has a negative 'length': " + length);
        }
        if (length == 0) {
            return new V2File(path, 0, Option.none());
        }
        BencodeNode root = fields.get(2).orElseThrow(() -> malformed(where.get() + " has no 'pieces root'"));
        BencodeNode hash = Fields.string(root, () -> where.get() + " 'pieces root'");
        if (hash.stringLength() != ROOT_HASH_BYTES) {
            throw malformed(where.get() + " has a 'pieces root' of " + hash.stringLength() + " bytes, not 32");
        }
        if (hash.isAllZeroBytes()) {
            throw malformed(where.get() + " has an all-zero 'pieces root'");
        }
        return new V2File(
                path, length, Option.some(ByteBuffer.wrap(hash.bytes()).asReadOnlyBuffer()));
    }

    private static List<String> append(List<String> path, String element) {
        List<String> appended = new ArrayList<>(path.size() + 1);
        appended.addAll(path);
        appended.add(element);
        return appended;
    }

    /** A directory being walked: its entries and the next one to visit. */
    private static final class Directory {
        final List<String> path;
        final List<BencodeNode.Entry> entries;
        int next;

        Directory(List<String> path, List<BencodeNode.Entry> entries) {
            this.path = path;
            this.entries = entries;
        }
    }
}
