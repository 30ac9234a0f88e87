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
    private static final long UNKNOWN = -1;

    private final int size;
    private final IntFunction<FileEntry> entries;
    /** The real files' size when the reader summed it as it checked the files, else {@link #UNKNOWN}. */
    private final long dataLength;

    private FileList(int size, IntFunction<FileEntry> entries, long dataLength) {
        this.size = size;
        this.entries = entries;
        this.dataLength = dataLength;
    }

    /** The given files, copied (a {@code FileList} is returned as it is: it is already immutable). */
    public static FileList of(List<FileEntry> files) {
        if (files instanceof FileList list) {
            return list;
        }
        List<FileEntry> copy = List.copyOf(files);
        return new FileList(copy.size(), copy::get, UNKNOWN);
    }

    /**
     * The given files (the array is copied, in one native copy) whose {@link #dataLength()} the
     * reader summed while it made them: for a long list read by a short-lived JVM, where copying
     * a {@code List} element by element and summing it again run in the interpreter.
     *
     * @param dataLength the sum of the lengths of the files that are not padding
     */
    public static FileList of(FileEntry[] files, long dataLength) {
        if (dataLength < 0) {
            throw new IllegalArgumentException("negative data length: " + dataLength);
        }
        FileEntry[] copy = files.clone();
        return new FileList(copy.length, index -> copy[index], dataLength);
    }

    /**
     * {@code size} files, each decoded by {@code decoder} whenever it is asked for.
     *
     * @param decoder gives an equal entry for the same index every time and never fails for an
     *                index from 0 to {@code size - 1}: the input must have been checked before
     */
    public static FileList decodedOnDemand(int size, IntFunction<FileEntry> decoder) {
        return onDemand(size, decoder, UNKNOWN);
    }

    /**
     * {@code size} files decoded on demand, as {@link #decodedOnDemand(int, IntFunction)}, whose
     * {@link #dataLength()} the reader summed while it checked them: one pass less over a long list.
     *
     * @param dataLength the sum of the lengths of the files that are not padding
     */
    public static FileList decodedOnDemand(int size, IntFunction<FileEntry> decoder, long dataLength) {
        if (dataLength < 0) {
            throw new IllegalArgumentException("negative data length: " + dataLength);
        }
        return onDemand(size, decoder, dataLength);
    }

    private static FileList onDemand(int size, IntFunction<FileEntry> decoder, long dataLength) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        return new FileList(size, Objects.requireNonNull(decoder, "decoder"), dataLength);
    }

    /** The sum of the lengths of the files that are not padding: given by the reader, or one pass over the list. */
    public long dataLength() {
        if (dataLength != UNKNOWN) {
            return dataLength;
        }
        long sum = 0;
        for (FileEntry file : this) {
            if (!file.padding()) {
                sum += file.length();
            }
        }
        return sum;
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
