package dev.peerscout.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FileListTest {
    private static final FileEntry A = new FileEntry(List.of("dir", "a"), 1, false);
    private static final FileEntry PAD = new FileEntry(List.of(".pad", "3"), 3, true);

    @Test
    void aCopiedListIsImmutableAndEqualToItsSource() {
        List<FileEntry> source = new ArrayList<>(List.of(A, PAD));
        FileList files = FileList.of(source);
        source.clear();

        assertEquals(List.of(A, PAD), files);
        assertEquals(files, List.of(A, PAD));
        assertEquals(List.of(A, PAD).hashCode(), files.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> files.add(A));
        assertSame(files, FileList.of(files));
    }

    @Test
    void entriesDecodedOnDemandAreMadeAtEachGetAndNotBefore() {
        AtomicInteger decoded = new AtomicInteger();
        FileList files = FileList.decodedOnDemand(1_000_000, index -> {
            decoded.incrementAndGet();
            return new FileEntry(List.of("f" + index), index, false);
        });

        assertEquals(1_000_000, files.size());
        assertEquals(0, decoded.get());
        assertEquals(new FileEntry(List.of("f999999"), 999_999, false), files.get(999_999));
        assertEquals(1, decoded.get());
        assertEquals(2, files.stream().limit(2).count());
        assertThrows(IndexOutOfBoundsException.class, () -> files.get(1_000_000));
        assertThrows(IndexOutOfBoundsException.class, () -> files.get(-1));
    }

    @Test
    void contentsAcceptAPlainListAndCompareByEntries() {
        Contents copied = new Contents(List.of(A), 1, 16_384, 1);
        Contents decoded = new Contents(FileList.decodedOnDemand(1, index -> A), 1, 16_384, 1);

        assertEquals(copied, decoded);
        assertEquals(List.of(A), decoded.files());
    }

    @Test
    void theDataLengthIsTheReadersSumOrOnePassOverTheFiles() {
        AtomicInteger decoded = new AtomicInteger();
        FileList summed = FileList.decodedOnDemand(
                2,
                index -> {
                    decoded.incrementAndGet();
                    return index == 0 ? A : PAD;
                },
                A.length());

        assertEquals(A.length(), new Contents(summed, A.length() + PAD.length(), 16_384, 1).dataLength());
        assertEquals(0, decoded.get());
        assertEquals(A.length(), FileList.of(List.of(A, PAD)).dataLength());
        assertEquals(
                A.length(),
                FileList.decodedOnDemand(2, index -> index == 0 ? A : PAD).dataLength());
        assertThrows(IllegalArgumentException.class, () -> FileList.decodedOnDemand(1, index -> A, -1));

        FileEntry[] owned = {A, PAD};
        FileList copied = FileList.of(owned, A.length());
        owned[0] = PAD;
        assertEquals(List.of(A, PAD), copied);
        assertEquals(A.length(), copied.dataLength());
        assertThrows(IllegalArgumentException.class, () -> FileList.of(owned, -1));
    }
}
