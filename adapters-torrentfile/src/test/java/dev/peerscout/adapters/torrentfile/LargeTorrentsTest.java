package dev.peerscout.adapters.torrentfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Torrent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Torrents at the sizes the limits promise to handle, generated in memory. */
class LargeTorrentsTest {
    private final TorrentFileReader reader = new TorrentFileReader();

    @Test
    void twoMillionPieces() {
        long pieces = 2_000_000;
        long pieceLength = 16_384;
        byte[] torrent = ascii("d4:infod6:lengthi" + pieces * pieceLength + "e4:name3:big12:piece lengthi" + pieceLength
                + "e6:pieces" + pieces * 20 + ":");
        torrent = concat(torrent, new byte[(int) pieces * 20], ascii("ee"));

        Torrent parsed = parseQuickly(torrent);
        Contents contents = parsed.contents().get();

        assertEquals(pieces, contents.pieceCount());
        assertEquals(pieces * pieceLength, contents.totalLength());
        // 40 MB of info: hashed on its own thread (InfoHashing), yet the hash of exactly these bytes.
        assertEquals(
                InfoHash.of(sha1(torrent, "d4:info".length(), torrent.length - 1)),
                parsed.hashes().v1().get());
    }

    @Test
    void aBigTorrentRefusedWhileItsHashIsTakenIsStillAnError() {
        long pieces = 100_000;
        byte[] torrent = ascii("d4:infod6:lengthi1e4:name3:big12:piece lengthi16384e6:pieces" + pieces * 20 + ":");
        torrent = concat(torrent, new byte[(int) pieces * 20], ascii("ee"));

        String message = reader.parse("big.torrent", torrent).getLeft().message();

        assertTrue(message.contains("incorrect number of piece hashes"), message);
    }

    @Test
    void oneMillionFiles() {
        int files = 1_000_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream(40 * files);
        out.writeBytes(ascii("d4:infod5:filesl"));
        for (int i = 0; i < files; i++) {
            String name = "f" + i;
            out.writeBytes(ascii("d6:lengthi1e4:pathl3:dir" + name.length() + ":" + name + "ee"));
        }
        long pieces = (files + 16_383) / 16_384;
        out.writeBytes(ascii("e4:name4:many12:piece lengthi16384e6:pieces" + pieces * 20 + ":"));
        out.writeBytes(new byte[(int) pieces * 20]);
        out.writeBytes(ascii("ee"));

        Contents contents = parseQuickly(out.toByteArray()).contents().get();

        assertEquals(files, contents.files().size());
        assertEquals(files, contents.totalLength());
        assertEquals(
                new FileEntry(List.of("dir", "f999999"), 1, false),
                contents.files().get(files - 1));
    }

    private Torrent parseQuickly(byte[] torrent) {
        return assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> reader.parse("large.torrent", torrent)
                        .getOrElseThrow(error -> new AssertionError(error.message())));
    }

    private static byte[] sha1(byte[] bytes, int from, int to) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(bytes, from, to - from);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
