package dev.peerscout.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Generates the benchmark's torrent: a multi-file v1 torrent with {@code files} files in
 * directories of 1000, sized so that they fill exactly {@code pieces} pieces of 16 KiB, with
 * pseudo-random piece hashes (fixed seed: the same bytes every time) and three tracker tiers.
 * Written directly as canonical bencoding (keys in order) to stay fast at any size.
 */
public final class LargeTorrent {
    public static final int DEFAULT_FILES = 100_000;
    public static final int DEFAULT_PIECES = 1_000_000;
    private static final long PIECE_LENGTH = 16_384;

    private LargeTorrent() {}

    public static byte[] generate(int files, int pieces) {
        if (pieces % files != 0) {
            throw new IllegalArgumentException("pieces must be a multiple of files");
        }
        long fileLength = pieces / files * PIECE_LENGTH;
        ByteArrayOutputStream out = new ByteArrayOutputStream(pieces * 20 + files * 48 + 1024);
        ascii(out, "d" + str("announce") + str("udp://tracker.example:6969/announce")
                + str("announce-list") + "ll" + str("udp://tracker.example:6969/announce")
                + str("http://backup.example/announce") + "el" + str("udp://tier2.example:80") + "ee"
                + str("created by") + str("peerscout bench") + str("info") + "d" + str("files") + "l");
        for (int i = 0; i < files; i++) {
            String directory = "dir" + i / 1000;
            String name = "file" + i + ".bin";
            ascii(out, "d" + str("length") + "i" + fileLength + "e" + str("path") + "l" + str(directory) + str(name)
                    + "ee");
        }
        ascii(out, "e" + str("name") + str("bench-large") + str("piece length") + "i" + PIECE_LENGTH + "e"
                + str("pieces") + (pieces * 20) + ":");
        byte[] hashes = new byte[pieces * 20];
        new SplittableRandom(42).nextBytes(hashes);
        out.writeBytes(hashes);
        ascii(out, "ee");
        return out.toByteArray();
    }

    /** A bencoded ASCII string. */
    private static String str(String text) {
        return text.length() + ":" + text;
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes the torrent for other tools ({@code bench/lt_parse.py}): {@code <file> [files] [pieces]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: LargeTorrent <output.torrent> [files] [pieces]");
        }
        int files = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_FILES;
        int pieces = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_PIECES;
        Files.write(Path.of(args[0]), generate(files, pieces));
    }
}
