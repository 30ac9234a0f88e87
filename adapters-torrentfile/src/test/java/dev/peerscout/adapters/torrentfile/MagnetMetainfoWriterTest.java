package dev.peerscout.adapters.torrentfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerUrl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class MagnetMetainfoWriterTest {
    /** Keys out of order: a re-encoding would sort them and change the hash. */
    private static final byte[] INFO = "d4:name5:a.bin6:lengthi3e12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae"
            .getBytes(StandardCharsets.US_ASCII);

    private static String hash() throws Exception {
        return InfoHash.of(MessageDigest.getInstance("SHA-1").digest(INFO)).hex();
    }

    @Test
    void theInfoDictionaryIsCopiedByteForByteAndTheTrackersAreTheLinksTiers() throws Exception {
        String link =
                "magnet:?xt=urn:btih:" + hash() + "&tr=udp%3A%2F%2Fone.example%3A6969&tr=http://two.example/announce"
                        + "&tr=udp://one.example:6969&ws=http%3A%2F%2Fseed.example%2Fa.bin&x.pe=127.0.0.1:1";

        byte[] file = new MagnetMetainfoWriter().fromMagnet(link, INFO).get();

        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertTrue(
                text.startsWith("d8:announce22:udp://one.example:6969"
                        + "13:announce-listll22:udp://one.example:6969el27:http://two.example/announceee4:info"),
                text);
        assertTrue(text.endsWith("8:url-listl25:http://seed.example/a.binee"), text);
        int at = text.indexOf("4:info") + 6;
        byte[] copied = java.util.Arrays.copyOfRange(file, at, at + INFO.length);
        assertArrayEquals(INFO, copied);

        Torrent torrent = new TorrentFileReader().parse("test", file).get();
        assertEquals(hash(), torrent.hashes().v1().get().hex());
        assertEquals(
                List.of(
                        new Tier(0, List.of(TrackerUrl.of("udp://one.example:6969"))),
                        new Tier(1, List.of(TrackerUrl.of("http://two.example/announce")))),
                torrent.tiers());
        assertEquals(3, torrent.contents().get().totalLength());
    }

    @Test
    void aLinkWithoutTrackersOrSeedsGivesTheInfoDictionaryAlone() throws Exception {
        byte[] file = new MagnetMetainfoWriter()
                .fromMagnet("magnet:?xt=urn:btih:" + hash(), INFO)
                .get();
        assertEquals(
                "d4:info" + new String(INFO, StandardCharsets.ISO_8859_1) + "e",
                new String(file, StandardCharsets.ISO_8859_1));
    }
}
