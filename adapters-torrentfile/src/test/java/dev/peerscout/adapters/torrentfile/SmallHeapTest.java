package dev.peerscout.adapters.torrentfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import io.vavr.control.Either;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
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
 * promises to work in: each one is read or refused as a value, none runs the JVM out of memory.
 * A forked JVM because the bound is the heap's; about two seconds, most of it writing 75 MB.
 */
class SmallHeapTest {
    private static final String HEAP = "-Xmx64m";

    @Test
    void hostileFilesAreReadOrRefusedInA64MiBHeap(@TempDir Path dir) throws Exception {
        Path pieces = twoMillionPieces(dir.resolve("pieces.torrent"));
        Path files = oneMillionFiles(dir.resolve("files.torrent"));
        Path huge = sparse(dir.resolve("huge.torrent"), 200L * 1024 * 1024);
        Path claim = Files.write(dir.resolve("claim.torrent"), hugeLengthPrefix());
        Path deep = Files.write(dir.resolve("deep.torrent"), deepNesting(1_000_000));

        List<String> lines = readInSmallHeap(pieces, files, huge, claim, deep);

        assertEquals("parsed: 2000000 pieces, 1 files", lines.get(0));
        // Parsed, or refused for the heap: a million FileEntry objects need about 200 MiB.
        assertTrue(lines.get(1).equals("parsed: 62 pieces, 1000000 files")
                || lines.get(1).startsWith("Unreadable: " + files + ": not enough memory to read it"), lines.get(1));
        assertEquals("TooLarge: " + huge + ": file is 209715200 bytes, more than the limit of 67108864", lines.get(2));
        assertEquals("Malformed: " + claim + ": invalid bencoding at byte 0: string length 9999999999 runs past"
                + " the end of the input (89 bytes left)", lines.get(3));
        assertEquals("Malformed: " + deep + ": nesting deeper than 100 (at byte 100)", lines.get(4));
    }

    /** Runs {@link Main} on the files; returns its lines, one per file, after checking it ended cleanly. */
    private static List<String> readInSmallHeap(Path... torrents) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
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

    /** What the forked JVM runs: one line per file; anything thrown ends it with a stack trace. */
    public static final class Main {
        public static void main(String[] paths) {
            TorrentFileReader reader = new TorrentFileReader();
            for (String path : paths) {
                Either<TorrentError, Torrent> result = reader.read(path);
                if (result.isLeft()) {
                    System.out.println(result.getLeft().getClass().getSimpleName() + ": " + result.getLeft().message());
                } else {
                    Contents contents = result.get().contents().get();
                    System.out.println("parsed: " + contents.pieceCount() + " pieces, " + contents.files().size() + " files");
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

    static Path oneMillionFiles(Path file) throws IOException {
        int files = 1_000_000;
        long pieces = (files + 16_383) / 16_384;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ascii("d4:infod5:filesl"));
            for (int i = 0; i < files; i++) {
                String name = "f" + i;
                out.write(ascii("d6:lengthi1e4:pathl3:dir" + name.length() + ":" + name + "ee"));
            }
            out.write(ascii("e4:name4:many12:piece lengthi16384e6:pieces" + pieces * 20 + ":"));
            out.write(new byte[(int) pieces * 20]);
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
