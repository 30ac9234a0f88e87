package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.Fields.malformed;

import dev.peerscout.adapters.torrentfile.bencode.BencodeKind;
import dev.peerscout.adapters.torrentfile.bencode.BencodeNode;
import dev.peerscout.domain.model.FileEntry;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * The BEP 3 file layout: {@code length} for a single file, or the {@code files} list with BEP 47
 * attributes. Paths are decoded, never sanitised ({@code path.utf-8} preferred over {@code path});
 * pad files (attribute {@code p}, or BitComet's {@code _____padding_file_} names) are kept and
 * flagged, because libtorrent counts them in the total size that announces report as {@code left}.
 */
final class V1Files {
    private static final String LEGACY_PAD_NAME = "_____padding_file_";

    private V1Files() {}

    static List<FileEntry> read(BencodeNode info, String name) {
        Option<BencodeNode> files = info.get("files");
        if (files.isDefined()) {
            return multiFile(Fields.list(files.get(), "'files' in info"));
        }
        BencodeNode length = info.get("length")
                .getOrElseThrow(() -> malformed("info has neither 'length' nor 'files'"));
        long size = Fields.longValue(length, "'length' in info");
        if (size < 0) {
            throw malformed("'length' in info is negative: " + size);
        }
        if (!Fields.hasVisibleCharacter(name)) {
            throw malformed("'name' in info is empty or only control characters, but it names the single file");
        }
        return List.of(new FileEntry(List.of(name), size, false));
    }

    private static List<FileEntry> multiFile(BencodeNode files) {
        List<BencodeNode> entries = files.elements();
        if (entries.isEmpty()) {
            throw malformed("'files' in info is an empty list: no files in the torrent");
        }
        List<FileEntry> read = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            read.add(file(entries.get(i), "files[" + i + "]"));
        }
        return read;
    }

    private static FileEntry file(BencodeNode node, String where) {
        Fields.dictionary(node, where);
        String attr = Fields.optional(node, "attr", BencodeKind.STRING).map(BencodeNode::text).getOrElse("");
        boolean pad = attr.indexOf('p') >= 0;
        boolean symlink = attr.indexOf('l') >= 0;
        long length = length(node, where, symlink);
        List<String> path = path(node, where, pad, length);
        if (symlink) {
            node.get("symlink path").forEach(target -> strings(target, where + " 'symlink path'"));
        }
        boolean legacyPad = path.stream().anyMatch(element -> element.contains(LEGACY_PAD_NAME));
        return new FileEntry(path, length, pad || legacyPad);
    }

    private static long length(BencodeNode file, String where, boolean symlink) {
        if (symlink) {
            return 0; // a symlink has no data of its own: libtorrent ignores its 'length', even a missing one
        }
        Option<BencodeNode> node = file.get("length");
        if (node.isEmpty()) {
            throw malformed(where + " has no 'length'");
        }
        long length = Fields.longValue(node.get(), where + " 'length'");
        if (length < 0) {
            throw malformed(where + " has a negative 'length': " + length);
        }
        return length;
    }

    private static List<String> path(BencodeNode file, String where, boolean pad, long length) {
        Option<BencodeNode> node = file.get("path.utf-8")
                .filter(utf8 -> utf8.isList() && !utf8.elements().isEmpty())
                .orElse(() -> file.get("path"));
        // BEP 47 pad files may come without a path; libtorrent names them like this.
        List<String> padPath = List.of(".pad", Long.toString(length));
        if (node.isEmpty()) {
            if (pad) {
                return padPath;
            }
            throw malformed(where + " has no 'path'");
        }
        List<String> path = strings(node.get(), where + " 'path'");
        if (path.isEmpty()) {
            if (pad) {
                return padPath;
            }
            throw malformed(where + " has an empty 'path'");
        }
        return path;
    }

    private static List<String> strings(BencodeNode list, String what) {
        Fields.list(list, what);
        List<BencodeNode> elements = list.elements();
        List<String> texts = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            texts.add(Fields.string(elements.get(i), what + " element " + i).text());
        }
        return texts;
    }
}
