package dev.peerscout.adapters.torrentfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad input must come back as a value, never as an exception: every corpus torrent, truncated and
 * randomly damaged (a fixed seed, so a failure reproduces), through the whole parser.
 */
class RobustnessTest {
    private static final int MUTATIONS_PER_FILE = 60;

    private final TorrentFileReader reader = new TorrentFileReader();

    @Test
    void damagedTorrentsNeverThrow() throws IOException {
        SplittableRandom random = new SplittableRandom(20261124);
        int parsed = 0;
        int refused = 0;
        for (Path file : corpusTorrents()) {
            byte[] original = Files.readAllBytes(file);
            for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
                byte[] damaged = damage(original, random);
                Either<TorrentError, Torrent> result = parse(file, damaged, i);
                parsed++;
                refused += result.isLeft() ? 1 : 0;
            }
        }
        assertEquals(144 * MUTATIONS_PER_FILE, parsed);
        assertTrue(refused > parsed / 2, "most damage should be caught: " + refused + " of " + parsed);
    }

    @Test
    void everyPrefixOfATorrentIsRefusedCleanly() throws IOException {
        for (String name : List.of("libtorrent-test-torrents/sample.torrent", "libtorrent-test-torrents/v2.torrent")) {
            Path file = CorpusFiles.file(name);
            byte[] original = Files.readAllBytes(file);
            for (int length = 0; length < original.length; length++) {
                Either<TorrentError, Torrent> result = parse(file, Arrays.copyOf(original, length), length);
                assertTrue(result.isLeft(), name + " cut to " + length + " bytes must not parse");
            }
        }
    }

    private Either<TorrentError, Torrent> parse(Path file, byte[] damaged, int attempt) {
        try {
            return reader.parse("damaged.torrent", damaged);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(file.getFileName() + " damage #" + attempt + " threw", e);
        }
    }

    private static byte[] damage(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0:
                    bytes[at] = (byte) random.nextInt(256);
                    break;
                case 1:
                    bytes[at] = (byte) "0123456789:ilde-".charAt(random.nextInt(16));
                    break;
                case 2:
                    bytes = Arrays.copyOf(bytes, at);
                    break;
                case 3:
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                    break;
                default:
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) "0123456789:ilde".charAt(random.nextInt(15));
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                    break;
            }
        }
        return bytes;
    }

    private static List<Path> corpusTorrents() throws IOException {
        try (Stream<Path> files = Files.walk(CorpusFiles.dir())) {
            return files.filter(path -> path.toString().endsWith(".torrent"))
                    .sorted()
                    .toList();
        }
    }
}
