package dev.peerscout.adapters.torrentfile;

import com.dampcake.bencode.Bencode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds .torrent bytes for tests with bencode-java, whose encoder writes canonical bencoding
 * (it sorts keys). Strings (keys included) are written as Latin-1, one byte per char, so a key
 * can carry raw bytes; pass {@code byte[]} for UTF-8 text. Maps are mutable so a test can break
 * exactly one field.
 */
final class TestTorrents {
    static final long PIECE = 16_384;
    private static final Bencode BENCODE = new Bencode(StandardCharsets.ISO_8859_1);

    private TestTorrents() {}

    static byte[] encode(Map<String, ?> value) {
        return BENCODE.encode(value);
    }

    /** A torrent holding {@code info} and an {@code announce} URL. */
    static byte[] torrent(Map<String, Object> info) {
        return encode(top(info));
    }

    static Map<String, Object> top(Map<String, Object> info) {
        Map<String, Object> torrent = new HashMap<>();
        torrent.put("announce", "udp://tracker.example:6969/announce");
        torrent.put("info", info);
        return torrent;
    }

    /** A valid single-file v1 info dictionary. */
    static Map<String, Object> singleFile(String name, long length) {
        Map<String, Object> info = new HashMap<>();
        info.put("name", name);
        info.put("piece length", PIECE);
        info.put("length", length);
        info.put("pieces", pieces(length, PIECE));
        return info;
    }

    /** A valid multi-file v1 info dictionary; each file is {@code [path elements..., length]}. */
    static Map<String, Object> multiFile(String name, List<Map<String, Object>> files) {
        long total = files.stream()
                .mapToLong(file -> ((Number) file.get("length")).longValue())
                .sum();
        Map<String, Object> info = new HashMap<>();
        info.put("name", name);
        info.put("piece length", PIECE);
        info.put("files", files);
        info.put("pieces", pieces(total, PIECE));
        return info;
    }

    static Map<String, Object> file(long length, String... path) {
        Map<String, Object> file = new HashMap<>();
        file.put("length", length);
        file.put("path", List.of(path));
        return file;
    }

    /** A v2 file node {@code {"": {length, pieces root}}}. */
    static Map<String, Object> v2File(long length, int rootSeed) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("length", length);
        if (length > 0) {
            properties.put("pieces root", root(rootSeed));
        }
        return Map.of("", properties);
    }

    /** A valid v2-only info dictionary over {@code tree}. */
    static Map<String, Object> v2(String name, Map<String, Object> tree) {
        Map<String, Object> info = new HashMap<>();
        info.put("name", name);
        info.put("piece length", PIECE);
        info.put("meta version", 2);
        info.put("file tree", tree);
        return info;
    }

    /**
     * A consistent hybrid: files {@code a} (1000 bytes) and {@code b} (20000 bytes), a pad file
     * after {@code a} so {@code b} starts on a piece, 3 pieces of 16 KiB. Lists and maps are mutable.
     */
    static Map<String, Object> hybrid() {
        Map<String, Object> pad = file(PIECE - 1000, ".pad", Long.toString(PIECE - 1000));
        pad.put("attr", "p");
        List<Map<String, Object>> files = new ArrayList<>(List.of(file(1000, "a"), pad, file(20_000, "b")));
        Map<String, Object> info = multiFile("hybrid", files);
        info.put("files", files);
        info.put("meta version", 2);
        info.put("file tree", new HashMap<>(Map.of("a", v2File(1000, 1), "b", v2File(20_000, 2))));
        return info;
    }

    static byte[] root(int seed) {
        byte[] root = new byte[32];
        Arrays.fill(root, (byte) (seed + 1));
        return root;
    }

    /** Zero-filled piece hashes, as many as {@code total} bytes need. */
    static byte[] pieces(long total, long pieceLength) {
        return new byte[(int) (20 * ((total + pieceLength - 1) / pieceLength))];
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A key holding raw bytes (Latin-1 maps each byte to one char). */
    static String key(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
