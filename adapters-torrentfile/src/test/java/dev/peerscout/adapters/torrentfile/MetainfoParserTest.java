package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.TestTorrents.PIECE;
import static dev.peerscout.adapters.torrentfile.TestTorrents.ascii;
import static dev.peerscout.adapters.torrentfile.TestTorrents.encode;
import static dev.peerscout.adapters.torrentfile.TestTorrents.file;
import static dev.peerscout.adapters.torrentfile.TestTorrents.multiFile;
import static dev.peerscout.adapters.torrentfile.TestTorrents.singleFile;
import static dev.peerscout.adapters.torrentfile.TestTorrents.top;
import static dev.peerscout.adapters.torrentfile.TestTorrents.torrent;
import static dev.peerscout.adapters.torrentfile.TestTorrents.utf8;
import static dev.peerscout.adapters.torrentfile.TestTorrents.v2;
import static dev.peerscout.adapters.torrentfile.TestTorrents.v2File;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.Type;
import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentVersion;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a valid .torrent file turns into. */
class MetainfoParserTest {
    private final TorrentFileReader reader = new TorrentFileReader();

    @Test
    void theInfoHashCoversTheRawBytesNotAReEncoding() throws Exception {
        byte[] unordered = CorpusFiles.bytes("libtorrent-test-torrents/unordered.torrent");

        Torrent torrent = parse(unordered);

        assertEquals(
                "1e44709a0ec082a6a5ea4837e450ae08d3f4394e",
                torrent.hashes().v1().get().hex());
        // The trap: decoding and re-encoding sorts the keys and yields another torrent's hash.
        Bencode bencodeJava = new Bencode(StandardCharsets.ISO_8859_1, true);
        Object info = bencodeJava.decode(unordered, Type.DICTIONARY).get("info");
        byte[] reEncoded = bencodeJava.encode((Map<?, ?>) info);
        assertEquals("c0fda1edafdbdbb96443424e0b3899af7159d10e", sha1(reEncoded).hex());
        assertTrue(
                torrent.warnings().stream().anyMatch(w -> w.contains("not canonical")),
                torrent.warnings().toString());
    }

    @Test
    void aSingleFileTorrent() throws Exception {
        Map<String, Object> info = singleFile("a.bin", 40_000);
        Torrent torrent = parse(torrent(info));

        assertEquals(Option.of("a.bin"), torrent.name());
        assertEquals(TorrentVersion.V1, torrent.hashes().version());
        assertEquals(sha1(encode(info)), torrent.hashes().v1().get());
        assertEquals(
                new Contents(List.of(new FileEntry(List.of("a.bin"), 40_000, false)), 40_000, PIECE, 3),
                torrent.contents().get());
        assertEquals(
                List.of(new Tier(0, List.of(TrackerUrl.of("udp://tracker.example:6969/announce")))), torrent.tiers());
        assertFalse(torrent.isPrivate());
        assertEquals(List.of(), torrent.warnings());
        assertEquals(List.of(), torrent.peerHints());
    }

    @Test
    void multiFilePathsAreRelativeAndPadFilesCount() {
        Map<String, Object> pad = file(15_000, ".pad", "15000");
        pad.put("attr", "p");
        Map<String, Object> padWithoutPath = file(1, "ignored");
        padWithoutPath.put("attr", "px");
        padWithoutPath.remove("path");
        Map<String, Object> bitComet = file(383, "_____padding_file_0_if you see this file, please update to BitComet");
        Torrent torrent = parse(torrent(multiFile(
                "album",
                List.of(
                        file(1384, "cd1", "01.flac"),
                        pad,
                        file(16_384, "cd2", "01.flac"),
                        padWithoutPath,
                        bitComet,
                        file(0, "empty")))));

        Contents contents = torrent.contents().get();
        assertEquals(
                List.of(
                        new FileEntry(List.of("cd1", "01.flac"), 1384, false),
                        new FileEntry(List.of(".pad", "15000"), 15_000, true),
                        new FileEntry(List.of("cd2", "01.flac"), 16_384, false),
                        new FileEntry(List.of(".pad", "1"), 1, true),
                        new FileEntry(
                                List.of("_____padding_file_0_if you see this file, please update to BitComet"),
                                383,
                                true),
                        new FileEntry(List.of("empty"), 0, false)),
                contents.files());
        assertEquals(1384 + 15_000 + 16_384 + 1 + 383, contents.totalLength());
        assertEquals(3, contents.pieceCount());
    }

    @Test
    void filesDecodedOnDemandDoNotChangeWithTheCallersBytes() {
        byte[] bytes = torrent(multiFile("album", List.of(file(1384, "cd1", "01.flac"), file(10, "cd2", "02.flac"))));
        Torrent torrent = parse(bytes);

        Arrays.fill(bytes, (byte) 'x');

        assertEquals(
                List.of(
                        new FileEntry(List.of("cd1", "01.flac"), 1384, false),
                        new FileEntry(List.of("cd2", "02.flac"), 10, false)),
                torrent.contents().get().files());
    }

    @Test
    void utf8VariantsWinAndBrokenUtf8IsMasked() {
        Map<String, Object> file = file(10, "x");
        file.put("path", List.of(new byte[] {'c', 'a', 'f', (byte) 0xE9}));
        file.put("path.utf-8", List.of(utf8("caf\u00e9"), utf8("d\u00e9j\u00e0")));
        Map<String, Object> broken = file(10, "x");
        broken.put("path", List.of(new byte[] {'b', (byte) 0xFF, 'd'}));
        Map<String, Object> info = multiFile("raw", List.of(file, broken));
        info.put("name.utf-8", utf8("\u00dcn\u00efc\u00f6de"));

        Torrent torrent = parse(torrent(info));

        assertEquals(Option.of("\u00dcn\u00efc\u00f6de"), torrent.name());
        assertEquals(
                List.of(List.of("caf\u00e9", "d\u00e9j\u00e0"), List.of("b\ufffdd")),
                torrent.contents().get().files().stream().map(FileEntry::path).toList());
    }

    @Test
    void aSymlinkHasNoDataWhateverItsLengthSays() {
        Map<String, Object> link = file(425, "link");
        link.put("attr", "l");
        link.put("symlink path", List.of("target"));
        Torrent torrent = parse(torrent(multiFile("links", List.of(file(425, "target"), link))));
        assertEquals(425, torrent.contents().get().totalLength());
        assertEquals(0, torrent.contents().get().files().get(1).length());
    }

    @Test
    void v2OnlyIsHashedWithSha256AndLaidOutInWholePieces() throws Exception {
        Map<String, Object> info =
                v2("v2", Map.of("dir", Map.of("a", v2File(1000, 1)), "b", v2File(20_000, 2), "c", v2File(0, 0)));
        Torrent torrent = parse(torrent(info));

        assertEquals(TorrentVersion.V2, torrent.hashes().version());
        assertEquals(
                InfoHashV2.of(MessageDigest.getInstance("SHA-256").digest(encode(info))),
                torrent.hashes().v2().get());
        Contents contents = torrent.contents().get();
        // Tree order; each non-empty file padded to whole pieces, as libtorrent lays out v2-only torrents.
        assertEquals(
                List.of(
                        new FileEntry(List.of("b"), 20_000, false),
                        new FileEntry(List.of(".pad", "12768"), 12_768, true),
                        new FileEntry(List.of("c"), 0, false),
                        new FileEntry(List.of("dir", "a"), 1000, false),
                        new FileEntry(List.of(".pad", "15384"), 15_384, true)),
                contents.files());
        assertEquals(3 * PIECE, contents.totalLength());
        assertEquals(3, contents.pieceCount());
    }

    @Test
    void aHybridHasBothHashesAndItsV1Layout() throws Exception {
        Map<String, Object> info = TestTorrents.hybrid();
        Torrent torrent = parse(torrent(info));

        assertEquals(TorrentVersion.HYBRID, torrent.hashes().version());
        assertEquals(sha1(encode(info)), torrent.hashes().v1().get());
        assertEquals(
                InfoHashV2.of(MessageDigest.getInstance("SHA-256").digest(encode(info))),
                torrent.hashes().v2().get());
        assertEquals(2, torrent.hashes().swarms().size());
        assertEquals(3, torrent.contents().get().files().size());
        assertEquals(PIECE + 20_000, torrent.contents().get().totalLength());
        assertEquals(3, torrent.contents().get().pieceCount());
    }

    @Test
    void aHugeV2FileIsNoReasonToRefuseATorrent() {
        // libtorrent refuses files of 2^48 bytes or more (a storage limit); discovery needs none.
        long length = 17_592_186_028_032L;
        Torrent torrent = parse(torrent(v2("huge", Map.of("huge.img", v2File(length, 1)))));
        assertEquals(length, torrent.contents().get().totalLength());
        assertEquals(length / PIECE, torrent.contents().get().pieceCount());
    }

    @Test
    void tiersKeepTheirPositionAndDropEmptyAndRepeatedUrls() {
        Map<String, Object> torrent = top(singleFile("a", 1));
        torrent.put("announce", "http://ignored.example/announce");
        torrent.put(
                "announce-list",
                List.of(
                        List.of(" udp://a.example:1/announce\t", "http://b.example/announce"),
                        List.of(),
                        List.of("", "   "),
                        List.of("udp://a.example:1/announce", "udp://c.example:3/announce", 42),
                        "not a tier",
                        List.of("tracker.example:80/announce", "wss://tracker.example")));

        assertEquals(
                List.of(
                        new Tier(
                                0,
                                List.of(
                                        TrackerUrl.of("udp://a.example:1/announce"),
                                        TrackerUrl.of("http://b.example/announce"))),
                        new Tier(3, List.of(TrackerUrl.of("udp://c.example:3/announce"))),
                        new Tier(
                                5,
                                List.of(
                                        TrackerUrl.of("tracker.example:80/announce"),
                                        TrackerUrl.of("wss://tracker.example")))),
                parse(encode(torrent)).tiers());
    }

    @Test
    void announceIsTheFallbackWhenTheListYieldsNothing() {
        Map<String, Object> torrent = top(singleFile("a", 1));
        torrent.put("announce", " http://fallback.example/announce ");
        torrent.put("announce-list", List.of(List.of("")));
        assertEquals(
                List.of(new Tier(0, List.of(TrackerUrl.of("http://fallback.example/announce")))),
                parse(encode(torrent)).tiers());

        torrent.put("announce-list", "http://not-a-list.example/announce");
        assertEquals(
                List.of(new Tier(0, List.of(TrackerUrl.of("http://fallback.example/announce")))),
                parse(encode(torrent)).tiers());

        torrent.remove("announce");
        assertEquals(List.of(), parse(encode(torrent)).tiers());
    }

    @Test
    void anyNonZeroPrivateFlagMakesATorrentPrivate() {
        assertTrue(parse(torrentWith("private", 1)).isPrivate());
        assertTrue(parse(torrentWith("private", 2)).isPrivate());
        assertFalse(parse(torrentWith("private", 0)).isPrivate());
        assertFalse(parse(torrentWith("private", "1")).isPrivate(), "a string is a type error in an optional key");
    }

    @Test
    void dhtNodesSkipMalformedEntries() {
        Map<String, Object> torrent = top(singleFile("a", 1));
        torrent.put(
                "nodes",
                List.of(
                        List.of("router.example", 6881),
                        List.of("192.0.2.9", 6881),
                        List.of("bad"),
                        "udp://not-a-pair:80",
                        List.of("h", 0),
                        List.of("h", 70_000),
                        List.of("h", "6881"),
                        List.of("", 1)));

        Torrent parsed = parse(encode(torrent));

        assertEquals(List.of(new HostPort("router.example", 6881), new HostPort("192.0.2.9", 6881)), parsed.dhtNodes());
        assertEquals(List.of("ignored 6 malformed 'nodes' entries (expected [host, port])"), parsed.warnings());
    }

    @Test
    void trailingBytesAreIgnoredWithAWarning() {
        byte[] valid = torrent(singleFile("a", 1));
        byte[] withNewline = new byte[valid.length + 1];
        System.arraycopy(valid, 0, withNewline, 0, valid.length);
        withNewline[valid.length] = '\n';

        Torrent torrent = parse(withNewline);

        assertEquals(parse(valid).hashes(), torrent.hashes());
        assertEquals(List.of("1 byte(s) after the end of the torrent's dictionary were ignored"), torrent.warnings());
    }

    @Test
    void v1LeniencyKeepsTheLastDuplicateAndWarns() {
        byte[] duplicateName =
                ascii("d4:infod6:lengthi1e4:name1:a4:name1:b12:piece lengthi16384e6:pieces20:" + "a".repeat(20) + "ee");
        Torrent torrent = parse(duplicateName);
        assertEquals(Option.of("b"), torrent.name());
        assertEquals(
                List.of("the info dictionary is not canonical bencoding (duplicate dictionary key 'name' at byte 28);"
                        + " its info hash covers the bytes as they stand"),
                torrent.warnings());
    }

    @Test
    void metaVersionOneIsV1() {
        Map<String, Object> info = singleFile("a", 1);
        info.put("meta version", 1);
        assertEquals(TorrentVersion.V1, parse(torrent(info)).hashes().version());
    }

    @Test
    void aMultiFileTorrentMayHaveNoUsableName() {
        Map<String, Object> info = multiFile("\u0001", List.of(file(5, "a")));
        Torrent torrent = parse(torrent(info));
        assertEquals(Option.none(), torrent.name());
        assertEquals(List.of("'name' in info is empty or only control characters"), torrent.warnings());
    }

    private Torrent parse(byte[] torrent) {
        return reader.parse("test.torrent", torrent).getOrElseThrow(error -> new AssertionError(error.message()));
    }

    private static byte[] torrentWith(String key, Object value) {
        Map<String, Object> info = new HashMap<>(singleFile("a", 1));
        info.put(key, value);
        return torrent(info);
    }

    private static InfoHash sha1(byte[] bytes) throws Exception {
        return InfoHash.of(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
