package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.adapters.dht.LibtorrentDht;
import dev.peerscout.domain.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code info} shows the size of the real files, pad files excluded, for v1, v2 and hybrid
 * torrents alike; the padded size has its own JSON field. Checked against libtorrent 2.0.8
 * (python3-libtorrent): the sum of its files without the pad-file flag, and its total_size.
 */
class InfoSizesTest {
    private static final Path CORPUS = SharedCorpus.corpus("anacrolix-testdata");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** path, libtorrent's sum of the real files, its total_size. */
    private static final List<String[]> LIBTORRENT = new ArrayList<>();

    @BeforeAll
    static void askLibtorrent() throws Exception {
        LibtorrentDht.assumeInstalled();
        Path script = dir.resolve("sizes.py");
        Files.writeString(
                script,
                String.join(
                        "\n",
                        "import os, sys, libtorrent as lt",
                        "d = sys.argv[1]",
                        "os.makedirs(d + '/three')",
                        "for name, size in (('a.bin', 50000), ('b.bin', 40000), ('c.bin', 20018)):",
                        "    open(d + '/three/' + name, 'wb').write(os.urandom(size))",
                        "fs = lt.file_storage(); lt.add_files(fs, d + '/three')",
                        "t = lt.create_torrent(fs, 16384, flags=lt.create_torrent.v2_only)",
                        "lt.set_piece_hashes(t, d)",
                        "open(d + '/v2-three.torrent', 'wb').write(lt.bencode(t.generate()))",
                        "for path in sys.argv[2:] + [d + '/v2-three.torrent']:",
                        "    files = lt.torrent_info(path).files()",
                        "    real = sum(files.file_size(i) for i in range(files.num_files())",
                        "               if not files.file_flags(i) & lt.file_storage.flag_pad_file)",
                        "    print(path, real, files.total_size(), sep='\\t')",
                        ""));
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), dir.toString()));
        for (String name : List.of("bittorrent-v2-test", "bittorrent-v2-hybrid-test", "issue-949", "sintel")) {
            command.add(CORPUS.resolve(name + ".torrent").toString());
        }
        Process python = new ProcessBuilder(command)
                .redirectError(dir.resolve("python.err").toFile())
                .start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), Files.readString(dir.resolve("python.err")));
        out.lines().forEach(line -> LIBTORRENT.add(line.split("\t")));
        assertEquals(5, LIBTORRENT.size(), out);
    }

    @Test
    void sizesAreTheRealFilesAndThePaddedSizeHasItsOwnField() throws Exception {
        for (String[] expected : LIBTORRENT) {
            CliRuns.Run json = CliRuns.production("info", "--json", expected[0]);
            CliRuns.Run text = CliRuns.production("info", expected[0]);

            JsonNode doc = JSON.readTree(json.out());
            assertEquals(Long.parseLong(expected[1]), doc.get("totalLength").asLong(), expected[0]);
            assertEquals(Long.parseLong(expected[2]), doc.get("paddedLength").asLong(), expected[0]);
            assertTrue(
                    text.out().contains(" (" + String.format("%,d", Long.parseLong(expected[1])) + " bytes) in "),
                    expected[0] + "\n" + text.out());
        }
        assertEquals("110018", LIBTORRENT.get(4)[1], "libtorrent's own v2 torrent of three files");
        assertTrue(Long.parseLong(LIBTORRENT.get(4)[2]) > 110_018, "and it pads them");
    }
}
