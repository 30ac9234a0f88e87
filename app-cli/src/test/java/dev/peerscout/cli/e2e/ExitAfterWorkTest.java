package dev.peerscout.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.peerscout.cli.Main;
import dev.peerscout.domain.testing.ChildProcesses;
import dev.peerscout.domain.testing.Fixtures;
import dev.peerscout.domain.testing.Opentracker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process ends when its work ends. HotSpot's exit waits at least 300 ms (30 polls of 10 ms)
 * for any thread that is blocked in the kernel, such as a selector nobody closed; a run that
 * leaves one behind ends that long after its last line. Each run here opens every kind of
 * socket a command can (UDP and HTTP trackers on a real opentracker, the DHT), in a child JVM
 * started as the launcher starts it, and the time from its last line on stderr (or from the
 * signal) to its exit must show no such wait.
 *
 * <p>Not a speed test: an exit without the wait takes a few milliseconds. A busy machine may delay
 * one run, so a command gets three tries; a left-over thread makes every try wait.
 */
class ExitAfterWorkTest {
    /** HotSpot's wait for threads in native code: at least this long whenever one is left. */
    private static final long EXIT_WAIT_MILLIS = 300;

    private static final int TRIES = 3;
    /** {@code peers --probe} when no peer could be verified. */
    private static final int PROBED_NONE = 1;

    private static Opentracker tracker;
    /** A DHT node that reads every query and never answers, so the DHT's socket stays busy to the end. */
    private static DatagramSocket silentNode;
    /** A peer that takes the connection and never says a word, so the peer wire's selector stays busy to the end. */
    private static ServerSocket silentPeer;

    private static String magnet;

    @BeforeAll
    static void start() throws Exception {
        Opentracker.assumeInstalled();
        tracker = Opentracker.start(Fixtures.anyInfoHash());
        silentNode = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        silentPeer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        magnet = "magnet:?xt=urn:btih:" + Fixtures.anyInfoHash().hex()
                + "&tr=" + URLEncoder.encode(tracker.udpUrl(), StandardCharsets.UTF_8)
                + "&tr=" + URLEncoder.encode(tracker.httpUrl(), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws IOException {
        if (tracker != null) {
            tracker.close();
        }
        if (silentNode != null) {
            silentNode.close();
        }
        if (silentPeer != null) {
            silentPeer.close();
        }
    }

    @Test
    void peersExitsRightAfterItsSummary() throws Exception {
        assertNoExitWait(
                false,
                1,
                "peers",
                magnet,
                "--timeout",
                "1",
                "--dht-bootstrap",
                "127.0.0.1:" + silentNode.getLocalPort());
    }

    @Test
    void scrapeExitsRightAfterItsSummary() throws Exception {
        assertNoExitWait(false, 0, "scrape", magnet, "--timeout", "1");
    }

    @Test
    void infoOfAMagnetLinkExitsRightAfterItsLastWord() throws Exception {
        assertNoExitWait(
                false,
                1,
                "info",
                magnet + "&x.pe=127.0.0.1:" + silentPeer.getLocalPort(),
                "--no-dht",
                "--timeout",
                "1");
    }

    @Test
    void probingPeersExitsRightAfterItsSummary() throws Exception {
        assertNoExitWait(
                false,
                PROBED_NONE,
                "peers",
                "--probe",
                magnet + "&x.pe=127.0.0.1:" + silentPeer.getLocalPort(),
                "--no-dht",
                "--timeout",
                "1");
    }

    @Test
    void anInterruptedPeersExitsRightAfterItsLastWord() throws Exception {
        assertNoExitWait(
                true,
                130,
                "peers",
                magnet,
                "--timeout",
                "30",
                "--dht-bootstrap",
                "127.0.0.1:" + silentNode.getLocalPort());
    }

    private static void assertNoExitWait(boolean interrupt, int exitCode, String... args) throws Exception {
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            long gap = millisFromLastWordToExit(interrupt, exitCode, args);
            if (gap < EXIT_WAIT_MILLIS) {
                return;
            }
            gaps.add(gap);
        }
        fail("every run ended at least " + EXIT_WAIT_MILLIS + " ms after its last word (" + gaps
                + " ms): a thread was left waiting in the kernel at the exit");
    }

    /** One run in a child JVM: milliseconds from its last line on stderr, or the Ctrl-C, to its exit. */
    private static long millisFromLastWordToExit(boolean interrupt, int exitCode, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process process = ChildProcesses.killedOnExit(new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
        long lastWord = 0;
        List<String> lines = new ArrayList<>();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                lastWord = System.nanoTime();
                lines.add(line);
                if (interrupt && lines.size() == 1) {
                    // The first tracker outcome: sockets are open and the DHT still searches.
                    lastWord = interrupt(process);
                }
            }
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the command did not end: " + lines);
        long exit = System.nanoTime();
        assertEquals(exitCode, process.exitValue(), String.join("\n", lines));
        return TimeUnit.NANOSECONDS.toMillis(exit - lastWord);
    }

    private static long interrupt(Process process) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertEquals(0, kill.waitFor(), "kill -INT");
        return sent;
    }
}
