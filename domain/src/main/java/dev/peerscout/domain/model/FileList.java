package dev.peerscout.domain.model;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * The files of a torrent, in order: an unmodifiable list whose entries may be made only when asked
 * for. A torrent may list a million files, and a million {@link FileEntry}s with their paths take
 * about 200 MiB; a reader can instead keep the files in a compact form of its own (the raw torrent
 * bytes and an offset per file) and decode one entry per {@link #get}. So iterate, and keep the
 * entries you need: copying the whole list brings the 200 MiB back.
 */
public final class FileList extends AbstractList<FileEntry> implements RandomAccess {
    private final int size;
    private final IntFunction<FileEntry> entries;

    private FileList(int size, IntFunction<FileEntry> entries) {
        this.size = size;
        this.entries = entries;
    }

    /** The given files, copied (a {@code FileList} is returned as it is: it is already immutable). */
    public static FileList of(List<FileEntry> files) {
        if (files instanceof FileList list) {
            return list;
        }
        List<FileEntry> copy = List.copyOf(files);
        return new FileList(copy.size(), copy::get);
    }

    /**
     * {@code size} files, each decoded by {@code decoder} whenever it is asked for.
     *
     * @param decoder gives an equal entry for the same index every time and never fails for an
     *                index from 0 to {@code size - 1}: the input must have been checked before
     */
    public static FileList decodedOnDemand(int size, IntFunction<FileEntry> decoder) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        return new FileList(size, Objects.requireNonNull(decoder, "decoder"));
    }

    @Override
    public FileEntry get(int index) {
        Objects.checkIndex(index, size);
        return Objects.requireNonNull(entries.apply(index), "decoded file entry");
    }

    @Override
    public int size() {
        return size;
    }
}
