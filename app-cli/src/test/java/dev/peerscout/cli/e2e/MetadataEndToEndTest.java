package dev.peerscout.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peerscout.adapters.peerwire.testing.OtherClients;
import dev.peerscout.adapters.peerwire.testing.RealPeers;
import dev.peerscout.cli.CliRuns;
import dev.peerscout.domain.model.InfoHash;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code info <magnet>} through the production wiring against real seeders on 127.0.0.1 (started
 * once for the class), each the only peer of its link: libtorrent and aria2 through x.pe (transmission-cli
 * is asked at the adapter level, RealMetadataPeersTest). The saved .torrent is checked by libtorrent itself.
 *
 * <p>What libtorrent 2.0.8 does with a v2 or hybrid .torrent that has no {@code piece layers}
 * (all a magnet link can give, BEP 9 carries the info dictionary only), found with this oracle:
 * it loads it with the right hashes and files; it downloads from v2 peers, asking them for the
 * piece hashes (BEP 52 hash requests), and verifies what it gets; it can seed complete data,
 * whose file roots it checks against the info dictionary's {@code pieces root}; but it cannot
 * verify partial data on disk piece by piece (a v2-only torrent with one corrupt byte checks as 0
 * pieces; a hybrid falls back on its v1 piece hashes).
 */
class MetadataEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** libtorrent's own reading of a .torrent, as JSON. */
    private static final String ORACLE = String.join(
            "\n",
            "import json, sys, libtorrent as lt",
            "ti = lt.torrent_info(sys.argv[1])",
            "h = ti.info_hashes()",
            "fs = ti.files()",
            "print(json.dumps({'v1': str(h.v1) if h.has_v1() else None, 'v2': str(h.v2) if h.has_v2() else None,",
            "  'name': ti.name(), 'files': [[fs.file_path(i), fs.file_size(i)] for i in range(fs.num_files()) if not fs.file_flags(i) & lt.file_storage.flag_pad_file],",
            "  'trackers': [[t.url, t.tier] for t in ti.trackers()], 'webSeeds': [w['url'] for w in ti.web_seeds()]}))");

    private static RealPeers peers;
    private static OtherClients aria2;
    private static int nobody;

    @TempDir
    Path temp;

    @BeforeAll
    static void startPeers() throws Exception {
        peers = RealPeers.start();
        aria2 = OtherClients.aria2(peers.torrent("v1").path(), peers.dataDir());
        // aria2 checks its data before it takes a peer for the torrent: until then it resets our handshake.
        awaitHandshake(aria2.port(), peers.torrent("v1").hashes().v1().get());
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = closed.getLocalPort();
        }
    }

    @AfterAll
    static void stopPeers() {
        for (AutoCloseable c : new AutoCloseable[] {aria2, peers}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the others still stop
            }
        }
    }

    /** Waits (at most 30 s) until the client at {@code port} answers a handshake for {@code hash}. */
    private static void awaitHandshake(int port, InfoHash hash) throws Exception {
        byte[] ours = new byte[68];
        ours[0] = 19;
        System.arraycopy("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII), 0, ours, 1, 19);
        System.arraycopy(hash.toBytes(), 0, ours, 28, 20);
        System.arraycopy("-PS0100-readinessprb".getBytes(StandardCharsets.US_ASCII), 0, ours, 48, 20);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(ours);
                if (socket.getInputStream().readNBytes(68).length == 68) {
                    return;
                }
            } catch (IOException notYet) {
                // still checking its data
            }
            Thread.sleep(200);
        }
        throw new IOException("no handshake from 127.0.0.1:" + port + " within 30 s");
    }

    /** aria2 1.36 serves metadata at once; its extension map is {ut_metadata} only. */
    @Test
    void aria2AsTheLinksOnlyPeerHandsOverVerifiedMetadata() throws Exception {
        String link = "magnet:?xt=urn:btih:"
                + peers.torrent("v1").hashes().v1().get().hex() + "&x.pe=127.0.0.1:" + aria2.port();
        Path saved = temp.resolve("aria2.torrent");
        CliRuns.Run run =
                CliRuns.production("info", "--json", "--no-dht", "--timeout", "20", "--save", saved.toString(), link);

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                "127.0.0.1:" + aria2.port(),
                JSON.readTree(run.out()).get("metadataFrom").asText());
        assertEquals(
                peers.torrent("v1").hashes().v1().get().hex(),
                libtorrentReads(saved).get("v1").asText());
    }

    private static String seeder() {
        return "127.0.0.1:" + peers.port("seeder");
    }

    private static String magnet(String kind, String... extra) {
        var hashes = peers.torrent(kind).hashes();
        StringBuilder link = new StringBuilder("magnet:?");
        hashes.v1().forEach(h -> link.append("xt=urn:btih:").append(h.hex()).append('&'));
        hashes.v2().forEach(h -> link.append("xt=urn:btmh:1220").append(h.hex()).append('&'));
        link.append("x.pe=").append(seeder());
        for (String e : extra) {
            link.append('&').append(e);
        }
        return link.toString();
    }

    private static JsonNode libtorrentReads(Path torrent) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", ORACLE, torrent.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return JSON.readTree(out);
    }

    @Test
    void showsWhatInfoShowsForTheTorrentFileAndWhoGaveTheMetadata() throws IOException {
        CliRuns.Run fromFile =
                CliRuns.production("info", "--json", peers.torrent("v1").path().toString());
        CliRuns.Run fromSwarm = CliRuns.production("info", "--json", "--no-dht", "--timeout", "20", magnet("v1"));

        assertEquals(0, fromSwarm.exitCode(), fromSwarm.err());
        ObjectNode swarm = (ObjectNode) JSON.readTree(fromSwarm.out());
        ObjectNode file = (ObjectNode) JSON.readTree(fromFile.out());
        assertEquals(seeder(), swarm.remove("metadataFrom").asText());
        assertEquals(file, swarm, "the same fields and values as the .torrent gives");
        assertTrue(fromSwarm.err().contains("verified metadata"), fromSwarm.err());
    }

    @Test
    void humanOutputIsTheTorrentsWithAMetadataLine() {
        CliRuns.Run fromFile =
                CliRuns.production("info", peers.torrent("v1").path().toString());
        CliRuns.Run fromSwarm = CliRuns.production("info", "--no-dht", "--timeout", "20", magnet("v1"));

        assertEquals(0, fromSwarm.exitCode(), fromSwarm.err());
        List<String> lines = fromSwarm.outLines();
        assertEquals("Metadata:     from " + seeder(), lines.get(lines.size() - 1));
        assertEquals(fromFile.outLines(), lines.subList(0, lines.size() - 1));
    }

    @Test
    void saveWritesATorrentLibtorrentLoadsWithTheLinksHashFilesAndTrackers() throws Exception {
        Path saved = temp.resolve("saved.torrent");
        String tr1 = "udp://127.0.0.1:" + nobody + "/announce";
        String tr2 = "http://127.0.0.1:" + nobody + "/announce";
        String ws = "http://127.0.0.1:" + nobody + "/payload.bin";
        CliRuns.Run run = CliRuns.production(
                "info",
                "--no-dht",
                "--timeout",
                "20",
                "--save",
                saved.toString(),
                magnet("v1", "tr=" + tr1, "tr=" + tr2, "ws=" + ws));

        assertEquals(0, run.exitCode(), run.err());
        JsonNode original = libtorrentReads(peers.torrent("v1").path());
        JsonNode copy = libtorrentReads(saved);
        assertEquals(
                peers.torrent("v1").hashes().v1().get().hex(), copy.get("v1").asText());
        assertEquals(original.get("name"), copy.get("name"));
        assertEquals(original.get("files"), copy.get("files"));
        assertEquals(
                JSON.readTree("[[\"" + tr1 + "\", 0], [\"" + tr2 + "\", 1]]"),
                copy.get("trackers"),
                "each tr its own tier, in order");
        assertEquals(JSON.readTree("[\"" + ws + "\"]"), copy.get("webSeeds"));
    }

    @Test
    void aV2OnlyLinkIsVerifiedWithSha256AndSavedWithoutPieceLayers() throws Exception {
        Path saved = temp.resolve("v2.torrent");
        CliRuns.Run run = CliRuns.production(
                "info", "--json", "--no-dht", "--timeout", "20", "--save", saved.toString(), magnet("v2"));

        assertEquals(0, run.exitCode(), run.err());
        JsonNode shown = JSON.readTree(run.out());
        assertEquals("v2", shown.get("version").asText());
        assertEquals(
                peers.torrent("v2").hashes().v2().get().hex(),
                shown.get("infoHashV2").asText());
        JsonNode copy = libtorrentReads(saved);
        assertTrue(copy.get("v1").isNull());
        assertEquals(
                peers.torrent("v2").hashes().v2().get().hex(), copy.get("v2").asText());
        assertEquals(libtorrentReads(peers.torrent("v2").path()).get("files"), copy.get("files"));
        assertFalse(new String(Files.readAllBytes(saved), StandardCharsets.ISO_8859_1).contains("12:piece layers"));
    }

    @Test
    void aHybridLinkGivesBothHashes() throws Exception {
        Path saved = temp.resolve("hybrid.torrent");
        CliRuns.Run run = CliRuns.production(
                "info", "--json", "--no-dht", "--timeout", "20", "--save", saved.toString(), magnet("hybrid"));

        assertEquals(0, run.exitCode(), run.err());
        JsonNode copy = libtorrentReads(saved);
        assertEquals(
                peers.torrent("hybrid").hashes().v1().get().hex(),
                copy.get("v1").asText());
        assertEquals(
                peers.torrent("hybrid").hashes().v2().get().hex(),
                copy.get("v2").asText());
        assertEquals("hybrid", JSON.readTree(run.out()).get("version").asText());
    }

    @Test
    void noMetadataByTheDeadlineExitsOneAndSaysWhatEachPeerDid() {
        Path saved = temp.resolve("never.torrent");
        String link =
                "magnet:?xt=urn:btih:" + peers.torrent("v1").hashes().v1().get().hex() + "&x.pe=127.0.0.1:" + nobody;
        CliRuns.Run run = CliRuns.production("info", "--no-dht", "--timeout", "3", "--save", saved.toString(), link);

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of(), run.outLines());
        assertTrue(
                run.err().contains("no verified metadata within 3.0 s: 1 peer found, 0 offered ut_metadata"),
                run.err());
        assertTrue(run.err().contains("  127.0.0.1:" + nobody + ": unreachable, Connection refused"), run.err());
        assertFalse(Files.exists(saved));
    }

    @Test
    void offlineKeepsToWhatTheLinkSays() {
        CliRuns.Run run = CliRuns.production("info", "--offline", magnet("v1"));
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("Metadata:"), run.out());
        assertTrue(run.out().contains("Peer:         " + seeder()), run.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRuns.Run bad = CliRuns.production("info", "magnet:?xt=urn:btih:nothex");
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.errLines().size(), bad.err());
        CliRuns.Run nowhere = CliRuns.production(
                "info",
                "--no-dht",
                "magnet:?xt=urn:btih:" + peers.torrent("v1").hashes().v1().get().hex());
        assertEquals(2, nowhere.exitCode());
        assertTrue(nowhere.err().contains("names no tracker"), nowhere.err());
        CliRuns.Run saveFile = CliRuns.production(
                "info",
                "--save",
                temp.resolve("x").toString(),
                peers.torrent("v1").path().toString());
        assertEquals(2, saveFile.exitCode());
        CliRuns.Run offlineSave = CliRuns.production(
                "info", "--offline", "--save", temp.resolve("x").toString(), magnet("v1"));
        assertEquals(2, offlineSave.exitCode());
        CliRuns.Run tooSmall = CliRuns.production("info", "--max-metadata-size", "0", magnet("v1"));
        assertEquals(2, tooSmall.exitCode());
        assertEquals(1, tooSmall.errLines().size(), tooSmall.err());
    }
}
