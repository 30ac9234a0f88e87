package dev.peerscout.adapters.torrentfile.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peerscout.adapters.torrentfile.CorpusFiles;
import dev.peerscout.adapters.torrentfile.MagnetLinkParser;
import dev.peerscout.adapters.torrentfile.TorrentFileReader;
import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.MagnetLinks;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.testing.Allocations;
import dev.peerscout.domain.testing.FuzzInputs;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzz tests (Jazzer) of the .torrent reader (bencode decoding and metainfo) and
 * the magnet parser. The only allowed outcomes are a torrent that keeps the invariants below or a
 * {@link TorrentError} of one line; anything thrown, a hang (the timeout) or an allocation sized
 * by a claim rather than by the input (the allocation budget) is a bug.
 *
 * <p>Under plain {@code mvn test} each {@code @FuzzTest} runs once per file of its inputs directory
 * ({@code src/test/resources/.../TorrentFuzzTestInputs/<method>/}: a few seeds of our own and
 * every crash found so far), and the parameterised tests run the same checks over the shared
 * corpus, which is read in place, never copied. {@code bench/fuzz.sh} fuzzes each target.
 */
class TorrentFuzzTest {
    private static final TorrentFileReader READER = new TorrentFileReader();
    private static final MagnetLinkParser MAGNETS = new MagnetLinkParser();
    /** Parsing allocates per container and per file entry, never per claimed byte: tens of bytes per input byte. */
    private static final long FIXED_BUDGET = 2L << 20;

    private static final long BUDGET_PER_BYTE = 256;
    /**
     * A magnet link claims no lengths, and decoding it costs about 100 bytes per character; but
     * while fuzzing, Jazzer's hooks on string comparisons and regular expressions allocate on
     * every call too: 1.6 KiB per character of a link of 700 empty parameters.
     */
    private static final long BUDGET_PER_CHAR = 4096;

    @FuzzTest
    void torrentFile(byte[] data) {
        FuzzInputs.withinDeadline(() -> checkTorrentFile(data));
    }

    @FuzzTest
    void magnetLink(byte[] data) {
        // Any bytes, as the shell would pass them: invalid UTF-8 becomes U+FFFD, as in Java's argv.
        String text = new String(data, StandardCharsets.UTF_8);
        String uri = text.regionMatches(true, 0, "magnet:", 0, 7) ? text : "magnet:?" + text;
        FuzzInputs.withinDeadline(() -> checkMagnet(uri));
    }

    static Stream<Arguments> corpusTorrents() throws IOException {
        try (Stream<Path> files = Files.walk(CorpusFiles.dir())) {
            List<Path> torrents = files.filter(path -> path.toString().endsWith(".torrent"))
                    .sorted()
                    .toList();
            return torrents.stream()
                    .map(path -> Arguments.of(CorpusFiles.dir().relativize(path).toString(), path));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusTorrents")
    void sharedCorpusTorrent(String name, Path file) throws IOException {
        checkTorrentFile(Files.readAllBytes(file));
    }

    static Stream<Arguments> bencodeVectors() {
        return vectors("vectors/bencode-vectors.json", "vectors")
                .map(vector -> Arguments.of(
                        vector.get("id").asText(),
                        HexFormat.of().parseHex(vector.get("hex").asText())));
    }

    /** The bencode vectors as whole files: most are not torrents, all must be refused cleanly. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bencodeVectors")
    void sharedBencodeVector(String id, byte[] bytes) {
        checkTorrentFile(bytes);
    }

    static Stream<Arguments> magnetVectors() {
        return vectors("vectors/magnet-vectors.json", "vectors")
                .map(vector -> Arguments.of(
                        vector.get("id").asText(), vector.get("uri").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("magnetVectors")
    void sharedMagnetVector(String id, String uri) {
        checkMagnet(uri);
    }

    static void checkTorrentFile(byte[] data) {
        Either<TorrentError, Torrent> result = Allocations.withinBudget(
                data.length, FIXED_BUDGET, BUDGET_PER_BYTE, () -> READER.parse("fuzz.torrent", data));
        if (result.isLeft()) {
            // The reader turns running out of heap into Unreadable; a fuzzing input is far too small to.
            assertFalse(
                    result.getLeft() instanceof TorrentError.Unreadable,
                    "out of memory on " + data.length + " bytes: an allocation sized by a claim? " + result.getLeft());
            assertOneLine(result.getLeft().message());
            return;
        }
        Torrent torrent = result.get();
        assertTrue(torrent.contents().isDefined(), "a .torrent file has contents");
        checkContents(torrent.contents().get());
        checkCommon(torrent);
    }

    static void checkMagnet(String uri) {
        Either<TorrentError, Torrent> result =
                Allocations.withinBudget(uri.length(), FIXED_BUDGET, BUDGET_PER_CHAR, () -> MAGNETS.parse(uri));
        if (result.isLeft()) {
            assertOneLine(result.getLeft().message());
            return;
        }
        Torrent torrent = result.get();
        assertTrue(torrent.contents().isEmpty(), "a magnet link has no contents");
        checkCommon(torrent);
        assertEquals(torrent.name(), reparsedMagnet(torrent).name());
    }

    /** What holds for any torrent, from a file or a link. */
    private static void checkCommon(Torrent torrent) {
        assertTrue(torrent.hashes().v1().isDefined() || torrent.hashes().v2().isDefined(), "a torrent has a hash");
        torrent.warnings().forEach(TorrentFuzzTest::assertOneLine);
        Set<String> urls = new HashSet<>();
        for (TrackerUrl url : torrent.trackers()) {
            assertEquals(url.value().strip(), url.value(), "tracker URLs are trimmed");
            assertTrue(urls.add(url.value()), "a tracker is listed once: " + url.value());
        }
        // The magnet link 'info' prints must name the same swarm and trackers.
        Torrent again = reparsedMagnet(torrent);
        assertEquals(torrent.hashes(), again.hashes());
        assertEquals(torrent.trackers(), again.trackers());
    }

    private static Torrent reparsedMagnet(Torrent torrent) {
        String link = MagnetLinks.of(torrent);
        return MAGNETS.parse(link)
                .getOrElseThrow(error ->
                        new AssertionError("peerscout's own magnet link " + link + " is refused: " + error.message()));
    }

    /** Sizes add up: what an announce reports as {@code left} and what 'info' prints must agree. */
    private static void checkContents(Contents contents) {
        assertFalse(contents.files().isEmpty(), "a torrent has files");
        long total = 0;
        for (FileEntry file : contents.files()) {
            assertFalse(file.path().isEmpty(), "every file has a path");
            total = Math.addExact(total, file.length());
        }
        assertEquals(total, contents.totalLength());
        assertTrue(contents.totalLength() > 0, "a torrent has data");
        long pieces = contents.totalLength() / contents.pieceLength()
                + (contents.totalLength() % contents.pieceLength() == 0 ? 0 : 1);
        assertEquals(pieces, contents.pieceCount());
    }

    /** Messages and warnings end up on a terminal as one line: no line breaks, no escape sequences. */
    static void assertOneLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new AssertionError(String.format(
                        "control character U+%04X at %d in a message: %s",
                        (int) text.charAt(i), i, text.replaceAll("\\p{Cc}", "\uFFFD")));
            }
        }
    }

    private static Stream<JsonNode> vectors(String file, String field) {
        return StreamSupport.stream(CorpusFiles.json(file).get(field).spliterator(), false);
    }
}
