package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.TestTorrents.encode;
import static dev.peerscout.adapters.torrentfile.TestTorrents.file;
import static dev.peerscout.adapters.torrentfile.TestTorrents.key;
import static dev.peerscout.adapters.torrentfile.TestTorrents.root;
import static dev.peerscout.adapters.torrentfile.TestTorrents.top;
import static dev.peerscout.adapters.torrentfile.TestTorrents.v2File;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** BEP 52 hybrids must describe their files twice alike; piece layers must fit their files. */
class HybridAndPieceLayersTest {
    private static final String DISAGREE = "the v1 and v2 file lists of this hybrid torrent disagree: ";

    private final TorrentFileReader reader = new TorrentFileReader();

    @Test
    void aConsistentHybridLoads() {
        assertTrue(parseHybrid(info -> {}, top -> {}).isRight());
    }

    @Test
    void aHybridMayOmitTheLastPad() {
        assertTrue(parseHybrid(info -> {}, top -> {}).isRight());
        Either<TorrentError, Torrent> withTailPad = parseHybrid(
                info -> {
                    Map<String, Object> pad = file(12_768, ".pad", "12768");
                    pad.put("attr", "p");
                    files(info).add(pad);
                    info.put("pieces", new byte[60]);
                },
                top -> {});
        assertTrue(withTailPad.isRight(), () -> withTailPad.getLeft().message());
    }

    @Test
    void pathsMustAgree() {
        assertError(
                DISAGREE + "file 1 is 'b' in 'files' but 'c' in 'file tree'",
                parseHybrid(info -> tree(info).put("c", tree(info).remove("b")), top -> {}));
    }

    @Test
    void aPathInAMessageStaysOnOneLine() {
        // Found by fuzzing: a file name with a line break or an escape sequence reached the terminal.
        assertError(
                DISAGREE + "file 1 is 'b' in 'files' but 'c\uFFFD[2Jd\uFFFDe' in 'file tree'",
                parseHybrid(info -> tree(info).put("c\u001b[2Jd\ne", tree(info).remove("b")), top -> {}));
    }

    @Test
    void lengthsMustAgree() {
        assertError(
                DISAGREE + "'b' has 20000 bytes in 'files' but 20001 in 'file tree'",
                parseHybrid(info -> tree(info).put("b", v2File(20_001, 2)), top -> {}));
    }

    @Test
    void padFilesMustAlignEachFileToAPiece() {
        assertError(
                DISAGREE + "'b' starts at byte 1000 in the v1 layout but at 16384 in the v2 layout"
                        + " (pad files do not align it to a piece)",
                parseHybrid(
                        info -> {
                            files(info).remove(1);
                            info.put("pieces", new byte[40]);
                        },
                        top -> {}));
    }

    @Test
    void fileCountsMustAgree() {
        assertError(
                DISAGREE + "'file tree' has 3 files but 'files' only 2",
                parseHybrid(info -> tree(info).put("c", v2File(5, 3)), top -> {}));
        assertError(
                DISAGREE + "'files' has more files than 'file tree' (1)",
                parseHybrid(info -> tree(info).remove("b"), top -> {}));
    }

    @Test
    void pieceLayersMustBeADictionary() {
        assertError(
                "'piece layers' is a list, not a dictionary",
                parseHybrid(info -> {}, top -> top.put("piece layers", List.of())));
    }

    @Test
    void pieceLayerKeysArePiecesRoots() {
        assertError(
                "'piece layers' has a key of 33 bytes, not a 32-byte pieces root",
                parseHybrid(info -> {}, top -> top.put("piece layers", Map.of(key(new byte[33]), new byte[64]))));
    }

    @Test
    void pieceLayersAreStringsOfWholeHashes() {
        assertError(
                "the piece layer for pieces root 0303030303030303... is an integer, not a string",
                parseHybrid(info -> {}, top -> top.put("piece layers", Map.of(key(root(2)), 7))));
        assertError(
                "the piece layer for pieces root 0303030303030303... has 513 bytes, not a multiple of 32",
                parseHybrid(info -> {}, top -> top.put("piece layers", Map.of(key(root(2)), new byte[513]))));
    }

    @Test
    void aPieceLayerHasOneHashPerPiece() {
        assertError(
                "the piece layer for 'b' holds 3 hashes, but the file has 2 pieces",
                parseHybrid(info -> {}, top -> top.put("piece layers", Map.of(key(root(2)), new byte[96]))));
        assertTrue(parseHybrid(info -> {}, top -> top.put("piece layers", Map.of(key(root(2)), new byte[64])))
                .isRight());
    }

    @Test
    void aLayerForAnUnknownRootIsIgnoredWithAWarning() {
        Torrent torrent = parseHybrid(info -> {}, top -> top.put("piece layers", Map.of(key(root(9)), new byte[64])))
                .get();
        assertEquals(List.of("ignored 1 piece layer(s) for pieces roots that no file has"), torrent.warnings());
    }

    private Either<TorrentError, Torrent> parseHybrid(
            Consumer<Map<String, Object>> changeInfo, Consumer<Map<String, Object>> changeTop) {
        Map<String, Object> info = TestTorrents.hybrid();
        changeInfo.accept(info);
        Map<String, Object> torrent = top(info);
        changeTop.accept(torrent);
        return reader.parse("hybrid.torrent", encode(torrent));
    }

    private static void assertError(String detail, Either<TorrentError, Torrent> result) {
        assertTrue(result.isLeft(), "expected: " + detail);
        assertEquals(new TorrentError.Malformed("hybrid.torrent", detail), result.getLeft());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> files(Map<String, Object> info) {
        return (List<Map<String, Object>>) info.get("files");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(Map<String, Object> info) {
        return (Map<String, Object>) info.get("file tree");
    }
}
