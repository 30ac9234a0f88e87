package dev.peerscout.adapters.torrentfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import dev.peerscout.domain.testing.LargeTorrents;
import io.vavr.control.Either;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile files of the resource bounds, read from disk by a JVM with the 64 MiB heap the CLI
 * promises to work in: each one is read or refused as a value, none runs the JVM out of memory,
 * and the two large ones are read, every file of them listed. A forked JVM because the bound is
 * the heap's; a few seconds, most of it writing 75 MB and listing a million files.
 */
class SmallHeapTest {
    private static final String HEAP = "-Xmx64m";
    private static final long MIB = 1024 * 1024;

    @Test
    void hostileFilesAreReadOrRefusedInA64MiBHeap(@TempDir Path dir) throws Exception {
        Path pieces = twoMillionPieces(dir.resolve("pieces.torrent"));
        Path files = LargeTorrents.oneMillionFiles(dir.resolve("files.torrent"));
        Path huge = sparse(dir.resolve("huge.torrent"), 200L * 1024 * 1024);
        Path claim = Files.write(dir.resolve("claim.torrent"), hugeLengthPrefix());
        Path deep = Files.write(dir.resolve("deep.torrent"), deepNesting(1_000_000));

        List<String> lines = readInSmallHeap(pieces, files, huge, claim, deep);

        assertTrue(lines.get(0).startsWith("parsed: 2000000 pieces, 1 files, the last big, retained "), lines.get(0));
        assertTrue(
                lines.get(1).startsWith("parsed: 62 pieces, 1000000 files, the last dir/f999999, retained "),
                lines.get(1));
        // One file keeps nothing of the 40 MB; a million keep the 35 MB they are decoded from and an int each.
        assertTrue(retained(lines.get(0)) < 8 * MIB, lines.get(0));
        assertTrue(retained(lines.get(1)) < Files.size(files) + 4 * 1_000_000 + 8 * MIB, lines.get(1));
        assertEquals("TooLarge: " + huge + ": file is 209715200 bytes, more than the limit of 67108864", lines.get(2));
        assertEquals(
                "Malformed: " + claim + ": invalid bencoding at byte 0: string length 9999999999 runs past"
                        + " the end of the input (89 bytes left)",
                lines.get(3));
        assertEquals("Malformed: " + deep + ": nesting deeper than 100 (at byte 100)", lines.get(4));
    }

    /** Runs {@link Main} on the files; returns its lines, one per file, after checking it ended cleanly. */
    private static List<String> readInSmallHeap(Path... torrents) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        for (Path torrent : torrents) {
            command.add(torrent.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the small-heap JVM did not end");
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals(torrents.length, lines.size(), output);
        return lines;
    }

    private static long retained(String line) {
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    }

    /**
     * What the forked JVM runs: one line per file; anything thrown ends it with a stack trace. A
     * torrent that is read has all its files listed, and the heap it keeps alive is measured after
     * a full collection (what {@code System.gc()} is in HotSpot's default collector).
     */
    public static final class Main {
        public static void main(String[] paths) {
            TorrentFileReader reader = new TorrentFileReader();
            for (String path : paths) {
                Either<TorrentError, Torrent> result = reader.read(path);
                if (result.isLeft()) {
                    System.out.println(result.getLeft().getClass().getSimpleName() + ": "
                            + result.getLeft().message());
                } else {
                    Contents contents = result.get().contents().get();
                    String last = "";
                    for (FileEntry file : contents.files()) {
                        last = file.joinedPath();
                    }
                    System.gc();
                    long retained = ManagementFactory.getMemoryMXBean()
                            .getHeapMemoryUsage()
                            .getUsed();
                    Reference.reachabilityFence(result);
                    System.out.println("parsed: " + contents.pieceCount() + " pieces, "
                            + contents.files().size() + " files, the last " + last + ", retained " + retained);
                }
            }
        }
    }

    static Path twoMillionPieces(Path file) throws IOException {
        long pieces = 2_000_000;
        long pieceLength = 16_384;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ascii("d4:infod6:lengthi" + pieces * pieceLength + "e4:name3:big12:piece lengthi" + pieceLength
                    + "e6:pieces" + pieces * 20 + ":"));
            byte[] hashes = new byte[20 * 10_000];
            for (int i = 0; i < pieces / 10_000; i++) {
                out.write(hashes);
            }
            out.write(ascii("ee"));
        }
        return file;
    }

    static Path sparse(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        return file;
    }

    /** 100 bytes: a length prefix of 9,999,999,999 and 89 bytes that are all that follows. */
    static byte[] hugeLengthPrefix() {
        byte[] content = new byte[100];
        Arrays.fill(content, (byte) 'x');
        byte[] prefix = ascii("9999999999:");
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        return content;
    }

    static byte[] deepNesting(int depth) {
        byte[] content = new byte[2 * depth];
        Arrays.fill(content, 0, depth, (byte) 'l');
        Arrays.fill(content, depth, 2 * depth, (byte) 'e');
        return content;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
