package dev.peerscout.cli.e2e;

import dev.peerscout.domain.model.InfoHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small single-file v1 torrent made for a test: random data written to a directory, and a
 * .torrent beside it whose tiers the test chooses. Encoded here rather than with the adapter under
 * test, so a bug in the reader cannot hide itself.
 */
public record TestTorrent(Path data, Path torrent, InfoHash infoHash, Map<String, Object> info) {
    private static final int PIECE_LENGTH = 32 * 1024;

    public static TestTorrent create(Path dir, String name, int size, List<List<String>> tiers) throws IOException {
        byte[] content = new byte[size];
        new SecureRandom().nextBytes(content);
        Path data = dir.resolve(name);
        Files.write(data, content);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int offset = 0; offset < size; offset += PIECE_LENGTH) {
            pieces.writeBytes(sha1(Arrays.copyOfRange(content, offset, Math.min(size, offset + PIECE_LENGTH))));
        }
        Map<String, Object> info = new TreeMap<>();
        info.put("name", name);
        info.put("length", (long) size);
        info.put("piece length", (long) PIECE_LENGTH);
        info.put("pieces", pieces.toByteArray());
        Path torrent = dir.resolve(name + ".torrent");
        write(torrent, info, tiers);
        return new TestTorrent(data, torrent, InfoHash.of(sha1(encode(info))), info);
    }

    /** The same swarm (announce-list is outside the info dictionary) with other trackers. */
    public Path withTrackers(Path file, List<List<String>> tiers) throws IOException {
        write(file, info, tiers);
        return file;
    }

    private static void write(Path file, Map<String, Object> info, List<List<String>> tiers) throws IOException {
        Map<String, Object> metainfo = new TreeMap<>();
        metainfo.put("announce", tiers.get(0).get(0));
        metainfo.put("announce-list", tiers);
        metainfo.put("info", info);
        Files.write(file, encode(metainfo));
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(value, out);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof Long number) {
            out.writeBytes(("i" + number + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof String text) {
            encode(text.getBytes(StandardCharsets.UTF_8), out);
        } else if (value instanceof byte[] bytes) {
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(item -> encode(item, out));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            ((Map<String, Object>) map).forEach((key, item) -> {
                encode(key, out);
                encode(item, out);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + value);
        }
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
