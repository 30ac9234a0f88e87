package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache's training swarm serves what the training runs need: the runs are meant to
 * take the paths past a first answer, so a swarm that silently failed would train the failures.
 */
class TrainingSwarmTest {
    private static final String INFO = "d6:lengthi1000000e4:name10:single.iso12:piece lengthi262144e6:pieces80:"
            + "abcdefghijklmnopqrst".repeat(4) + "e";

    private static TrainingSwarm swarm;

    @BeforeAll
    static void start() throws Exception {
        swarm = new TrainingSwarm(INFO.getBytes(StandardCharsets.ISO_8859_1));
    }

    @AfterAll
    static void stop() {
        swarm.close();
    }

    @Test
    void itsPeerHandsOverTheInfoDictionaryFoundThroughItsHttpTracker(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("saved.torrent");

        CliRuns.Run run =
                CliRuns.production("info", "--no-dht", "--timeout", "10", "--save", saved.toString(), swarm.magnet());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(swarm.infoHashHex()), run.out());
        byte[] file = Files.readAllBytes(saved);
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("4:info" + INFO + "e"), "the info dictionary byte for byte: " + text);
    }

    @Test
    void itsUdpTrackerListsThePeer(@TempDir Path dir) throws Exception {
        Path torrent =
                Files.writeString(dir.resolve("single.torrent"), "d4:info" + INFO + "e", StandardCharsets.ISO_8859_1);

        CliRuns.Run run = CliRuns.production(
                "peers", "--no-dht", "--timeout", "10", "--tracker", swarm.udpTracker(), torrent.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.outLines().stream().anyMatch(line -> line.startsWith("127.0.0.1:")), run.out());
        assertTrue(run.err().contains(swarm.udpTracker() + " (tier 0): ok, 1 peer"), run.err());
    }
}
