package dev.peerscout.adapters.torrentfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.testing.SharedCorpus;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file list decoded on demand (as huge torrents get it) says exactly what the same list kept as
 * entries says, for every real torrent of the corpus; and the bytes it decodes from are its own.
 */
class FileListDecodingTest {
    private final MetainfoParser asEntries = new MetainfoParser(TorrentFileLimits.DEFAULT, Integer.MAX_VALUE);
    private final MetainfoParser onDemand = new MetainfoParser(TorrentFileLimits.DEFAULT, 1);

    static Stream<Path> corpusTorrents() throws IOException {
        List<Path> torrents = new ArrayList<>();
        for (String folder : List.of("libtorrent-test-torrents", "anacrolix-testdata", "synthetic")) {
            try (Stream<Path> files = Files.list(SharedCorpus.corpus(folder))) {
                files.filter(file -> file.toString().endsWith(".torrent"))
                        .sorted()
                        .forEach(torrents::add);
            }
        }
        return torrents.stream();
    }

    @Test
    void theCorpusIsThere() throws IOException {
        assertTrue(corpusTorrents().count() >= 100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusTorrents")
    void decodedOnDemandOrKeptTheFilesAreTheSame(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Try<Torrent> kept = Try.of(() -> asEntries.parse(bytes.clone()));
        Try<Torrent> decoded = Try.of(() -> onDemand.parse(bytes.clone()));

        assertEquals(kept.isSuccess(), decoded.isSuccess(), () -> kept + " / " + decoded);
        if (kept.isSuccess()) {
            Contents expected = kept.get().contents().get();
            Contents actual = decoded.get().contents().get();
            assertEquals(expected.files(), actual.files());
            assertEquals(expected.totalLength(), actual.totalLength());
            assertEquals(expected.pieceCount(), actual.pieceCount());
        }
    }

    @Test
    void aSmallListIsKeptAsEntriesSoTheTorrentBytesCanGo() {
        byte[] torrent = ("d4:infod5:filesld6:lengthi1e4:pathl1:aeed6:lengthi2e4:pathl1:beee"
                        + "4:name1:x12:piece lengthi16384e6:pieces20:" + "x".repeat(20) + "ee")
                .getBytes(StandardCharsets.US_ASCII);
        Torrent parsed = new MetainfoParser(TorrentFileLimits.DEFAULT).parse(torrent);

        Arrays.fill(torrent, (byte) 0);

        // Decoded on demand, the entries would now be read from zeros.
        assertEquals(
                List.of("a", "b"),
                parsed.contents().get().files().stream()
                        .map(FileEntry::joinedPath)
                        .toList());
    }

    @Test
    void keptEntriesShareTheNamesOfTheDirectoryTheyHaveInCommonWithThePreviousFile() {
        byte[] torrent = ("d4:infod5:filesld6:lengthi1e4:pathl3:dir1:aeed6:lengthi2e4:pathl3:dir1:beed6:lengthi3e4:"
                        + "pathl3:ddd3:dir1:ceee4:name1:x12:piece lengthi16384e6:pieces20:" + "x".repeat(20) + "ee")
                .getBytes(StandardCharsets.US_ASCII);
        List<FileEntry> files = asEntries.parse(torrent).contents().get().files();

        assertEquals(
                List.of("dir/a", "dir/b", "ddd/dir/c"),
                files.stream().map(FileEntry::joinedPath).toList());
        assertSame(files.get(0).path().get(0), files.get(1).path().get(0));
        assertNotSame(files.get(1).path().get(0), files.get(2).path().get(1), "only the same place is compared");
    }

    @Test
    void sizesThatOverflowAreRefusedAsSuchWhetherKeptOrDecodedOnDemand() {
        byte[] torrent = ("d4:infod5:filesld6:lengthi9223372036854775807e4:pathl1:aeed6:lengthi9223372036854775807e"
                        + "4:pathl1:beee4:name1:x12:piece lengthi16384e6:pieces20:" + "x".repeat(20) + "ee")
                .getBytes(StandardCharsets.US_ASCII);

        for (MetainfoParser parser : List.of(asEntries, onDemand)) {
            MalformedTorrentException refused =
                    assertThrows(MalformedTorrentException.class, () -> parser.parse(torrent.clone()));
            assertEquals("total size overflows 64 bits", refused.getMessage());
        }
    }
}
