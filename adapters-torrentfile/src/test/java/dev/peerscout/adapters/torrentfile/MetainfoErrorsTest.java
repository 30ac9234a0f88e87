package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.TestTorrents.PIECE;
import static dev.peerscout.adapters.torrentfile.TestTorrents.ascii;
import static dev.peerscout.adapters.torrentfile.TestTorrents.file;
import static dev.peerscout.adapters.torrentfile.TestTorrents.multiFile;
import static dev.peerscout.adapters.torrentfile.TestTorrents.singleFile;
import static dev.peerscout.adapters.torrentfile.TestTorrents.torrent;
import static dev.peerscout.adapters.torrentfile.TestTorrents.v2;
import static dev.peerscout.adapters.torrentfile.TestTorrents.v2File;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.peerscout.domain.model.TorrentError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a .torrent file is refused, and the exact message a user sees for it. */
class MetainfoErrorsTest {
    private final TorrentFileReader reader = new TorrentFileReader();

    static Stream<Arguments> v1Cases() {
        return Stream.of(
                v1("piece length missing", info -> info.remove("piece length"), "missing 'piece length' in info"),
                v1(
                        "piece length a string",
                        info -> info.put("piece length", "16384"),
                        "'piece length' in info is a string, not an integer"),
                v1(
                        "piece length negative",
                        info -> info.put("piece length", -PIECE),
                        "'piece length' in info must be positive, got -16384"),
                v1(
                        "piece length zero",
                        info -> info.put("piece length", 0),
                        "'piece length' in info must be positive, got 0"),
                v1("name missing", info -> info.remove("name"), "missing 'name' in info"),
                v1("name an integer", info -> info.put("name", 1348), "'name' in info is an integer, not a string"),
                v1(
                        "name only NULs",
                        info -> info.put("name", "\0\0\0\0"),
                        "'name' in info is empty or only control characters, but it names the single file"),
                v1("no length, no files", info -> info.remove("length"), "info has neither 'length' nor 'files'"),
                v1(
                        "length a string",
                        info -> info.put("length", "425"),
                        "'length' in info is a string, not an integer"),
                v1("length negative", info -> info.put("length", -1), "'length' in info is negative: -1"),
                v1(
                        "total size zero",
                        info -> {
                            info.put("length", 0);
                            info.put("pieces", new byte[0]);
                        },
                        "invalid length: the total size is 0, the torrent has no content"),
                v1("pieces missing", info -> info.remove("pieces"), "missing 'pieces' in info"),
                v1("pieces an integer", info -> info.put("pieces", 5), "'pieces' in info is an integer, not a string"),
                v1(
                        "pieces not whole hashes",
                        info -> info.put("pieces", new byte[37]),
                        "pieces length 37 is not a multiple of 20"),
                v1(
                        "too many piece hashes",
                        info -> info.put("pieces", new byte[40]),
                        "incorrect number of piece hashes: 'pieces' holds 2, but 1000 bytes in pieces of 16384 need 1"),
                v1(
                        "meta version 3",
                        info -> info.put("meta version", 3),
                        "unsupported 'meta version' 3 (peerscout reads versions 1 and 2)"),
                v1(
                        "files a dictionary",
                        info -> info.put("files", Map.of("a", 1)),
                        "'files' in info is a dictionary, not a list"),
                v1(
                        "files empty",
                        info -> info.put("files", List.of()),
                        "'files' in info is an empty list: no files in the torrent"));
    }

    static Stream<Arguments> fileListCases() {
        return Stream.of(
                files("file not a dictionary", files -> files.set(0, 7), "files[0] is an integer, not a dictionary"),
                files("file without length", files -> entry(files, 1).remove("length"), "files[1] has no 'length'"),
                files(
                        "length a list",
                        files -> entry(files, 0).put("length", List.of(1)),
                        "files[0] 'length' is a list, not an integer"),
                files(
                        "length negative",
                        files -> entry(files, 0).put("length", -5),
                        "files[0] has a negative 'length': -5"),
                files("path missing", files -> entry(files, 0).remove("path"), "files[0] has no 'path'"),
                files(
                        "path a string",
                        files -> entry(files, 0).put("path", "a/b"),
                        "files[0] 'path' is a string, not a list"),
                files("path empty", files -> entry(files, 0).put("path", List.of()), "files[0] has an empty 'path'"),
                files(
                        "path element an integer",
                        files -> entry(files, 0).put("path", List.of("a", 1)),
                        "files[0] 'path' element 1 is an integer, not a string"),
                files(
                        "symlink target an integer",
                        files -> {
                            entry(files, 0).put("attr", "l");
                            entry(files, 0).put("symlink path", List.of(3));
                        },
                        "files[0] 'symlink path' element 0 is an integer, not a string"),
                files(
                        "sizes overflow",
                        files -> {
                            entry(files, 0).put("length", Long.MAX_VALUE);
                            entry(files, 1).put("length", Long.MAX_VALUE);
                        },
                        "total size overflows 64 bits"));
    }

    static Stream<Arguments> v2Cases() {
        return Stream.of(
                v2Case(
                        "piece length not a power of two",
                        info -> info.put("piece length", 32767),
                        "v2 'piece length' must be a power of two of at least 16384, got 32767"),
                v2Case(
                        "piece length below 16 KiB",
                        info -> info.put("piece length", 8192),
                        "v2 'piece length' must be a power of two of at least 16384, got 8192"),
                v2Case("file tree missing", info -> info.remove("file tree"), "missing 'file tree' in v2 info"),
                v2Case(
                        "file tree a list",
                        info -> info.put("file tree", List.of()),
                        "'file tree' in info is a list, not a dictionary"),
                v2Case(
                        "file tree empty",
                        info -> info.put("file tree", Map.of()),
                        "'file tree' in info lists no files"),
                v2Case(
                        "empty name at the root",
                        info -> info.put("file tree", Map.of("", v2File(5, 1))),
                        "'file tree' has an empty file name in its root"),
                v2Case(
                        "'' holding a directory instead of file properties",
                        info -> info.put("file tree", Map.of("dir", Map.of("", Map.of("", v2File(5, 1))))),
                        "v2 file 'dir' has no 'length'"),
                v2Case(
                        "node not a dictionary",
                        info -> info.put("file tree", Map.of("a", Map.of("length", 5))),
                        "'file tree' entry 'a/length' is an integer, not a dictionary"),
                v2Case(
                        "file properties not a dictionary",
                        info -> info.put("file tree", Map.of("a", Map.of("", 5))),
                        "v2 file 'a' ('' entry) is an integer, not a dictionary"),
                v2Case(
                        "pad file in the tree",
                        info -> info.put("file tree", Map.of("a", properties(5, "p", TestTorrents.root(1)))),
                        "v2 file 'a' has the pad attribute: pad files are not allowed in a v2 file tree"),
                v2Case(
                        "file without length",
                        info -> info.put("file tree", Map.of("a", Map.of("", Map.of()))),
                        "v2 file 'a' has no 'length'"),
                v2Case(
                        "negative length",
                        info -> info.put("file tree", Map.of("a", properties(-1, "", null))),
                        "v2 file 'a' has a negative 'length': -1"),
                v2Case(
                        "no pieces root",
                        info -> info.put("file tree", Map.of("d", Map.of("a", properties(5, "", null)))),
                        "v2 file 'd/a' has no 'pieces root'"),
                v2Case(
                        "short pieces root",
                        info -> info.put("file tree", Map.of("a", properties(5, "", new byte[31]))),
                        "v2 file 'a' has a 'pieces root' of 31 bytes, not 32"),
                v2Case(
                        "all-zero pieces root",
                        info -> info.put("file tree", Map.of("a", properties(5, "", new byte[32]))),
                        "v2 file 'a' has an all-zero 'pieces root'"),
                v2Case(
                        "only empty files",
                        info -> info.put("file tree", Map.of("a", v2File(0, 0))),
                        "invalid length: the total size is 0, the torrent has no content"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"v1Cases", "fileListCases", "v2Cases"})
    void refusesWithAClearMessage(String description, byte[] torrent, String message) {
        TorrentError error = reader.parse("broken.torrent", torrent).getLeft();
        TorrentError.Malformed malformed = assertInstanceOf(TorrentError.Malformed.class, error);
        assertEquals("broken.torrent", malformed.source());
        assertEquals(message, malformed.detail());
        assertEquals("broken.torrent: " + message, error.message());
    }

    static Stream<Arguments> structureCases() {
        return Stream.of(
                Arguments.of(
                        "not a dictionary",
                        ascii("4:spam"),
                        "not a torrent file: the top-level value is a string, not a dictionary"),
                Arguments.of("no info", ascii("d8:announce3:urle"), "missing 'info' dictionary"),
                Arguments.of("info a string", ascii("d4:info4:spame"), "'info' is a string, not a dictionary"),
                Arguments.of(
                        "bad bencoding",
                        ascii("d4:infod4:name"),
                        "invalid bencoding at byte 14: unexpected end of input: the dictionary opened at byte 7 is not closed"),
                Arguments.of(
                        "piece length beyond 64 bits",
                        ascii("d4:infod6:lengthi1e4:name1:a12:piece lengthi99999999999999999999e6:pieces20:"
                                + "a".repeat(20) + "ee"),
                        "'piece length' in info 99999999999999999999 does not fit in 64 bits"),
                Arguments.of(
                        "v2 info with unsorted keys",
                        ascii("d4:infod4:name1:a12:meta versioni2eee"),
                        "invalid bencoding in the v2 info dictionary (it must be canonical): dictionary key"
                                + " 'meta version' at byte 17 is out of order (after 'name')"),
                Arguments.of(
                        "v2 info with a leading zero",
                        ascii("d4:infod12:meta versioni02eee"),
                        "invalid bencoding in the v2 info dictionary (it must be canonical): integer with a leading"
                                + " zero at byte 23"),
                // bencode-java cannot write integers beyond 64 bits, so this one is spelt out.
                Arguments.of(
                        "file length beyond 64 bits",
                        ascii("d4:infod5:filesld6:lengthi99999999999999999999e4:pathl1:aeee4:name1:a"
                                + "12:piece lengthi16384e6:pieces20:" + "a".repeat(20) + "ee"),
                        "files[0] 'length' 99999999999999999999 does not fit in 64 bits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structureCases")
    void refusesBrokenStructure(String description, byte[] torrent, String message) {
        TorrentError.Malformed error = assertInstanceOf(
                TorrentError.Malformed.class,
                reader.parse("broken.torrent", torrent).getLeft());
        assertEquals(message, error.detail());
    }

    private static Arguments v1(String description, Consumer<Map<String, Object>> breakIt, String message) {
        Map<String, Object> info = singleFile("a.bin", 1000);
        breakIt.accept(info);
        return Arguments.of(description, torrent(info), message);
    }

    private static Arguments files(String description, Consumer<List<Object>> breakIt, String message) {
        List<Object> files = new ArrayList<>(List.of(file(600, "dir", "a"), file(400, "b")));
        breakIt.accept(files);
        Map<String, Object> info = multiFile("album", List.of(file(1000, "x")));
        info.put("files", files);
        return Arguments.of(description, torrent(info), message);
    }

    private static Arguments v2Case(String description, Consumer<Map<String, Object>> breakIt, String message) {
        Map<String, Object> info = v2("v2", new HashMap<>(Map.of("a", v2File(1000, 1))));
        breakIt.accept(info);
        return Arguments.of(description, torrent(info), message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(List<Object> files, int index) {
        return (Map<String, Object>) files.get(index);
    }

    private static Map<String, Object> properties(long length, String attr, byte[] root) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("length", length);
        if (!attr.isEmpty()) {
            properties.put("attr", attr);
        }
        if (root != null) {
            properties.put("pieces root", root);
        }
        return Map.of("", properties);
    }
}
