package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.Fields.malformed;

import dev.peerscout.bencode.BencodeInput;
import dev.peerscout.bencode.BencodeNode;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.FileList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The BEP 3 file layout: {@code length} for a single file, or the {@code files} list with BEP 47
 * attributes. Paths are decoded, never sanitised ({@code path.utf-8} preferred over {@code path});
 * pad files (attribute {@code p}, or BitComet's {@code _____padding_file_} names) are kept and
 * flagged, because libtorrent counts them in the total size that announces report as {@code left}.
 */
final class V1Files {
    private static final String LEGACY_PAD_NAME = "_____padding_file_";

    private V1Files() {}

    /** The files of a v1 layout, with their total size. */
    record Layout(FileList files, TotalLength totalLength) {}

    static Layout read(BencodeNode info, String name, int decodedOnDemandFrom) {
        Optional<BencodeNode> files = info.get("files");
        if (files.isPresent()) {
            return multiFile(Fields.list(files.get(), () -> "'files' in info"), decodedOnDemandFrom);
        }
        BencodeNode length = info.get("length").orElseThrow(() -> malformed("info has neither 'length' nor 'files'"));
        long size = Fields.longValue(length, () -> "'length' in info");
        if (size < 0) {
            throw malformed("'length' in info is negative: " + size);
        }
        if (!Fields.hasVisibleCharacter(name)) {
            throw malformed("'name' in info is empty or only control characters, but it names the single file");
        }
        TotalLength total = new TotalLength();
        FileEntry file = new FileEntry(List.of(name), size, false);
        total.add(file);
        return new Layout(FileList.of(List.of(file)), total);
    }

    /**
     * Up to this many files are kept as entries; more are decoded on demand. Entries cost about 160
     * bytes a file, against the torrent's bytes (pieces included) that a list decoded on demand keeps
     * alive: for an ordinary torrent the entries cost less, and 100,000 files about 16 MB. A list
     * decoded on demand is read again on every pass (info --json on 50,000 files: a second pass,
     * some 90 ms of CPU in the launcher's JVM), so that is left to lists whose entries would crowd
     * a 64 MiB heap (a million files: 160 MB).
     */
    static final int DECODED_ON_DEMAND_FROM = 100_000;

    /**
     * Checks every entry. An ordinary list is kept as entries; a huge one keeps only where each entry
     * starts, and decodes it from the torrent's bytes with the same {@link #file} that checked it each
     * time it is asked for: a million files cost 4 MB besides the bytes instead of 200 MB of entries.
     */
    private static Layout multiFile(BencodeNode files, int decodedOnDemandFrom) {
        if (files.isEmpty()) {
            throw malformed("'files' in info is an empty list: no files in the torrent");
        }
        int count = files.elementCount();
        TotalLength total = new TotalLength();
        if (count < decodedOnDemandFrom) {
            FileEntry[] entries = new FileEntry[count];
            Iterator<BencodeNode> each = files.eachElement().iterator();
            FileEntry previous = null;
            for (int index = 0; index < count; index++) {
                previous = checked(each.next(), index, total, previous);
                entries[index] = previous;
            }
            return new Layout(FileList.of(entries, total.data()), total);
        }
        int[] offsets = new int[count];
        Iterator<BencodeNode> entries = files.eachElement().iterator();
        for (int index = 0; index < count; index++) {
            BencodeNode entry = entries.next();
            checked(entry, index, total, null);
            offsets[index] = entry.offset();
        }
        BencodeInput input = files.input();
        // The data length is summed here, where every entry is decoded anyway: not again per use.
        FileList list = FileList.decodedOnDemand(offsets.length, i -> entry(input, offsets, i), total.data());
        return new Layout(list, total);
    }

    /*
     * Per entry, as little as can be: a list of 50,000 files is checked entry by entry in a
     * short-lived JVM that compiles with C1 alone (the launcher's). There a loop run in one call is
     * compiled only after some 60,000 turns, so the work per entry is a method of its own (compiled
     * after a few hundred calls), and the names for messages are plain objects: a capturing lambda
     * is allocated through a native call in C1 code.
     */

    /**
     * The entry at {@code index}, checked, its length added to {@code total}; path elements equal
     * to the {@code previous} entry's are that entry's strings (a directory's name is kept once
     * for a run of its files, not once per file).
     */
    private static FileEntry checked(BencodeNode entry, int index, TotalLength total, FileEntry previous) {
        FileEntry file = file(entry, index, previous);
        total.add(file);
        return file;
    }

    /** The entry at {@code index} of a list decoded on demand, read again from the torrent's bytes. */
    private static FileEntry entry(BencodeInput input, int[] offsets, int index) {
        return file(input.valueAt(offsets[index]), index, null);
    }

    /** {@code files[index]} and a field of it, as messages name them. */
    private record Where(int index, String field) implements Supplier<String> {
        @Override
        public String get() {
            return "files[" + index + "]" + field;
        }
    }

    private static FileEntry file(BencodeNode node, int index, FileEntry previous) {
        Where where = new Where(index, "");
        Fields.dictionary(node, where);
        List<Optional<BencodeNode>> fields = node.getAll("attr", "length", "path.utf-8", "path", "symlink path");
        String attr = fields.get(0)
                .filter(BencodeNode::isString)
                .map(BencodeNode::text)
                .orElse("");
        boolean pad = attr.indexOf('p') >= 0;
        boolean symlink = attr.indexOf('l') >= 0;
        // A symlink has no data of its own: libtorrent ignores its 'length', even a missing one.
        long length = symlink ? 0 : length(fields.get(1), where);
        Optional<BencodeNode> utf8 = fields.get(2).filter(list -> list.isList() && !list.isEmpty());
        Optional<BencodeNode> pathNode = utf8.isPresent() ? utf8 : fields.get(3);
        List<String> path = path(pathNode, where, pad, length, previous);
        if (symlink) {
            fields.get(4).ifPresent(target -> strings(target, new Where(index, " 'symlink path'"), null));
        }
        return new FileEntry(path, length, pad || isLegacyPad(path));
    }

    private static long length(Optional<BencodeNode> node, Where where) {
        if (node.isEmpty()) {
            throw malformed(where.get() + " has no 'length'");
        }
        long length = Fields.longValue(node.get(), new Where(where.index(), " 'length'"));
        if (length < 0) {
            throw malformed(where.get() + " has a negative 'length': " + length);
        }
        return length;
    }

    private static List<String> path(
            Optional<BencodeNode> node, Where where, boolean pad, long length, FileEntry previous) {
        if (node.isEmpty() || node.get().isList() && node.get().isEmpty()) {
            if (pad) {
                return List.of(".pad", Long.toString(length)); // BEP 47 pads may lack a path; libtorrent's name
            }
            throw malformed(where.get() + (node.isEmpty() ? " has no 'path'" : " has an empty 'path'"));
        }
        return strings(node.get(), new Where(where.index(), " 'path'"), previous == null ? null : previous.path());
    }

    /**
     * The texts of a list of strings, as an immutable list (FileEntry keeps it without copying);
     * a text equal to the one at the same place in {@code previous} (may be null) is that one.
     */
    private static List<String> strings(BencodeNode list, Supplier<String> what, List<String> previous) {
        Fields.list(list, what);
        String[] texts = new String[list.elementCount()];
        int i = 0;
        for (BencodeNode element : list.eachElement()) {
            if (!element.isString()) {
                int index = i; // the message is made only for a refusal: this runs per file
                Fields.string(element, () -> what.get() + " element " + index);
            }
            String text = element.text();
            texts[i] =
                    previous != null && i < previous.size() && previous.get(i).equals(text) ? previous.get(i) : text;
            i++;
        }
        return List.of(texts);
    }

    private static boolean isLegacyPad(List<String> path) {
        for (String element : path) {
            if (element.contains(LEGACY_PAD_NAME)) {
                return true;
            }
        }
        return false;
    }
}
