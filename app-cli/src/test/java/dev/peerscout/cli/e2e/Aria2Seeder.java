package dev.peerscout.cli.e2e;

import dev.peerscout.domain.testing.ChildProcesses;
import dev.peerscout.domain.testing.Opentracker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real BitTorrent peer: aria2 (Debian package {@code aria2}) seeding a test torrent on 127.0.0.1
 * with DHT, local discovery and peer exchange off. It announces to the opentracker over HTTP only
 * (aria2's UDP tracker client goes with its DHT); opentracker shares one peer table, so its UDP
 * side returns aria2 too.
 */
public final class Aria2Seeder implements AutoCloseable {
    private final Process process;
    private final int listenPort;

    private Aria2Seeder(Process process, int listenPort) {
        this.process = process;
        this.listenPort = listenPort;
    }

    public static void assumeInstalled() {
        boolean installed = Opentracker.onPath("aria2c");
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("aria2c is not installed but CI must run these tests");
        }
        Assumptions.assumeTrue(installed, "aria2 is not installed (apt-get install aria2)");
    }

    /** Starts seeding and returns once the tracker counts aria2 as a seeder. */
    public static Aria2Seeder seed(TestTorrent torrent, Opentracker tracker) throws IOException, InterruptedException {
        assumeInstalled();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(
                        "aria2c",
                        "--no-conf=true",
                        "--interface=127.0.0.1",
                        "--disable-ipv6=true",
                        "--enable-dht=false",
                        "--enable-dht6=false",
                        "--bt-enable-lpd=false",
                        "--enable-peer-exchange=false",
                        "--listen-port=" + port,
                        "--seed-ratio=0.0",
                        "--check-integrity=true",
                        "--bt-exclude-tracker=*",
                        "--bt-tracker=" + tracker.httpUrl(),
                        "--file-allocation=none",
                        "--summary-interval=0",
                        "--console-log-level=warn",
                        "-d",
                        torrent.data().getParent().toString(),
                        torrent.torrent().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        ChildProcesses.killedOnExit(process);
        Aria2Seeder seeder = new Aria2Seeder(process, port);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!seeder.trackerSeesSeeder(tracker, torrent)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                seeder.close();
                throw new IOException("aria2 did not start seeding (alive: " + process.isAlive() + ")");
            }
            Thread.sleep(50);
        }
        return seeder;
    }

    public int listenPort() {
        return listenPort;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }

    private boolean trackerSeesSeeder(Opentracker tracker, TestTorrent torrent) throws InterruptedException {
        StringBuilder hash = new StringBuilder();
        for (byte b : torrent.infoHash().toBytes()) {
            hash.append('%').append(String.format("%02X", b & 0xFF));
        }
        URI scrape = URI.create(tracker.httpUrl().replace("/announce", "/scrape") + "?info_hash=" + hash);
        try {
            String body = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(scrape)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1))
                    .body();
            return body.contains("8:completei") && !body.contains("8:completei0e");
        } catch (IOException e) {
            return false;
        }
    }
}
