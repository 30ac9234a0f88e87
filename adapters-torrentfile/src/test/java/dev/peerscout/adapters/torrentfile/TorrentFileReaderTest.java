package dev.peerscout.adapters.torrentfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import io.vavr.control.Either;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentFileReaderTest {
    private static final String BASE_HASH = "c0fda1edafdbdbb96443424e0b3899af7159d10e";

    private final TorrentFileReader reader = new TorrentFileReader();

    @Test
    void readsATorrentFile() {
        Torrent torrent = reader.read(CorpusFiles.file("libtorrent-test-torrents/base.torrent")
                        .toString())
                .get();
        assertEquals(BASE_HASH, torrent.hashes().v1().get().hex());
    }

    @Test
    void aMissingFileIsUnreadable(@TempDir Path dir) {
        String path = dir.resolve("missing.torrent").toString();
        assertEquals(Either.left(new TorrentError.Unreadable(path, "no such file")), reader.read(path));
    }

    @Test
    void aDirectoryIsUnreadable(@TempDir Path dir) {
        assertEquals(
                Either.left(new TorrentError.Unreadable(dir.toString(), "is a directory, not a .torrent file")),
                reader.read(dir.toString()));
    }

    @Test
    void anInvalidPathIsUnreadable() {
        TorrentError error = reader.read("bad\0name.torrent").getLeft();
        assertEquals("bad\0name.torrent: not a valid path: Nul character not allowed", error.message());
    }

    @Test
    void nothingToReadIsUnreadable() {
        assertEquals(
                Either.left(new TorrentError.Unreadable("", "no torrent file or magnet link given")), reader.read(" "));
        assertEquals(
                Either.left(new TorrentError.Unreadable("", "no torrent file or magnet link given")),
                reader.read(null));
    }

    @Test
    void a200MegabyteFileIsRefusedByItsSizeAlone(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.torrent");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(200L * 1024 * 1024); // sparse: no data is written
        }

        Either<TorrentError, Torrent> result =
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> reader.read(huge.toString()));

        // The exact size can only come from the file's metadata: reading stops one byte past the cap.
        assertEquals(Either.left(new TorrentError.TooLarge(huge.toString(), 209_715_200L, 67_108_864L)), result);
    }

    @Test
    void aStreamWithoutSizeIsCutOffAtTheCap() {
        Path zeros = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zeros), "needs /dev/zero");
        TorrentFileReader small = new TorrentFileReader(TorrentFileLimits.withMaxFileBytes(100));

        Either<TorrentError, Torrent> result =
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> small.read(zeros.toString()));

        assertEquals(Either.left(new TorrentError.TooLarge("/dev/zero", 101, 100)), result);
    }

    @Test
    void theCapAppliesToContentInMemoryToo() {
        TorrentFileReader small = new TorrentFileReader(TorrentFileLimits.withMaxFileBytes(10));
        assertEquals(Either.left(new TorrentError.TooLarge("mem", 11, 10)), small.parse("mem", new byte[11]));
    }

    @Test
    void badContentIsMalformedAndNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("x.torrent"), new byte[] {'d', 'e'});
        assertEquals(
                Either.left(new TorrentError.Malformed(file.toString(), "missing 'info' dictionary")),
                reader.read(file.toString()));
    }

    @Test
    void magnetLinksGoToTheMagnetParserWhateverTheSchemeCase() {
        String upper = "MAGNET:?xt=urn:btih:" + BASE_HASH;
        assertEquals(BASE_HASH, reader.read(upper).get().hashes().v1().get().hex());
        assertInstanceOf(
                TorrentError.InvalidMagnet.class, reader.read("magnet:?dn=x").getLeft());
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> TorrentFileLimits.withMaxFileBytes(0));
        assertThrows(IllegalArgumentException.class, () -> TorrentFileLimits.withMaxFileBytes(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new TorrentFileLimits(100, 0, 10));
        assertEquals(64L * 1024 * 1024, TorrentFileLimits.DEFAULT.maxFileBytes());
        assertEquals(100, TorrentFileLimits.DEFAULT.maxDepth());
    }
}
