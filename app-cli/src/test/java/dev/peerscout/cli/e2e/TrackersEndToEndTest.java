package dev.peerscout.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.peerscout.cli.CliRuns;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.testing.Fixtures;
import dev.peerscout.domain.testing.Opentracker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peerscout trackers} with the production wiring against real trackers on loopback: a real
 * opentracker over UDP and HTTP (Debian's whitelists: a random swarm gets its error, a listed one
 * is tracked), the same opentracker over [::1] through an in-test UDP relay (opentracker is
 * IPv4-only), and beside them closed ports, a name under {@code .invalid}, a silent UDP server and
 * a broken HTTP server, each with its own outcome. Servers start once for the class.
 */
class TrackersEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InfoHash LISTED = Fixtures.anyInfoHash();

    @TempDir
    static Path dir;

    private static Opentracker opentracker;
    private static DatagramSocket silentUdp;
    private static HttpServer brokenHttp;
    private static UdpRelay ipv6Relay;
    private static int closedTcp;
    private static int closedUdp;

    @BeforeAll
    static void startTrackers() throws Exception {
        opentracker = Opentracker.start(LISTED);
        silentUdp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        brokenHttp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        brokenHttp.createContext("/", exchange -> {
            byte[] body = "<html>a web page, not bencode</html>".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        brokenHttp.start();
        ipv6Relay = UdpRelay.onIpv6To(opentracker.udpPort());
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closedTcp = tcp.getLocalPort();
            closedUdp = udp.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (opentracker != null) {
            opentracker.close();
        }
        if (silentUdp != null) {
            silentUdp.close();
        }
        if (brokenHttp != null) {
            brokenHttp.stop(0);
        }
        if (ipv6Relay != null) {
            ipv6Relay.close();
        }
    }

    @Test
    void eachTrackerAndAddressEndsInItsOwnOutcome() throws Exception {
        String udp = opentracker.udpUrl();
        String http = opentracker.httpUrl();
        String v6 = "udp://[::1]:" + ipv6Relay.port() + "/announce";
        String shouted = "UDP://127.0.0.1:" + opentracker.udpPort() + "/announce/";
        Path list = Files.writeString(
                dir.resolve("trackers.txt"),
                String.join(
                                "\n",
                                "# a trackerslist-style list",
                                "",
                                udp,
                                shouted,
                                http,
                                v6,
                                "udp://127.0.0.1:" + closedUdp + "/announce",
                                "http://127.0.0.1:" + closedTcp + "/announce",
                                "http://[::1]:" + closedTcp + "/announce",
                                "udp://tracker.peerscout.invalid:6969/announce",
                                "udp://127.0.0.1:" + silentUdp.getLocalPort() + "/announce",
                                "http://127.0.0.1:" + brokenHttp.getAddress().getPort() + "/announce?passkey=s3cr3t")
                        + "\n");

        CliRuns.Run run = CliRuns.production("trackers", "--from", list.toString(), "--timeout", "3", "--json");

        assertEquals(1, run.exitCode(), run.err());
        Map<String, JsonNode> byUrl = addressesByUrl(JSON.readTree(run.out()));
        assertEquals(
                List.of(
                        udp,
                        shouted,
                        http,
                        v6,
                        "udp://127.0.0.1:" + closedUdp + "/announce",
                        "http://127.0.0.1:" + closedTcp + "/announce",
                        "http://[::1]:" + closedTcp + "/announce",
                        "udp://tracker.peerscout.invalid:6969/announce",
                        "udp://127.0.0.1:" + silentUdp.getLocalPort() + "/announce",
                        "http://127.0.0.1:" + brokenHttp.getAddress().getPort() + "/announce?passkey=***"),
                List.copyOf(byUrl.keySet()),
                "every spelling, in order, passkeys masked");
        JsonNode refusedByUdp = byUrl.get(udp);
        assertEquals("error", refusedByUdp.get("status").asText(), refusedByUdp.toString());
        assertTrue(refusedByUdp.get("alive").asBoolean());
        assertEquals("127.0.0.1", refusedByUdp.get("address").asText());
        assertEquals("ipv4", refusedByUdp.get("family").asText());
        assertTrue(refusedByUdp.get("connectMs").isNumber(), "UDP's connect is timed");
        assertEquals(refusedByUdp, byUrl.get(shouted), "one tracker written two ways: checked once");
        JsonNode refusedByHttp = byUrl.get(http);
        assertEquals("error", refusedByHttp.get("status").asText());
        assertTrue(refusedByHttp.get("error").asText().contains("not authorized"), refusedByHttp.toString());
        assertTrue(refusedByHttp.get("connectMs").isNull(), "HTTP has no connect step");
        assertEquals("ipv6", byUrl.get(v6).get("family").asText());
        assertEquals("::1", byUrl.get(v6).get("address").asText(), "RFC 5952, as peers writes IPv6");
        assertEquals(
                "error", byUrl.get(v6).get("status").asText(), byUrl.get(v6).toString());
        assertEquals(
                "refused",
                byUrl.get("udp://127.0.0.1:" + closedUdp + "/announce")
                        .get("status")
                        .asText());
        assertEquals(
                "refused",
                byUrl.get("http://127.0.0.1:" + closedTcp + "/announce")
                        .get("status")
                        .asText());
        assertEquals(
                "refused",
                byUrl.get("http://[::1]:" + closedTcp + "/announce")
                        .get("status")
                        .asText());
        JsonNode unresolved = byUrl.get("udp://tracker.peerscout.invalid:6969/announce");
        assertEquals("dns", unresolved.get("status").asText());
        assertTrue(unresolved.get("address").isNull());
        assertEquals(
                "timeout",
                byUrl.get("udp://127.0.0.1:" + silentUdp.getLocalPort() + "/announce")
                        .get("status")
                        .asText());
        JsonNode broken =
                byUrl.get("http://127.0.0.1:" + brokenHttp.getAddress().getPort() + "/announce?passkey=***");
        assertEquals("malformed", broken.get("status").asText());
        assertTrue(run.err().contains("4 of 10 tracker URLs answered"), run.err());
        assertTrue(!run.out().contains("s3cr3t") && !run.err().contains("s3cr3t"), "the passkey never shows");
    }

    @Test
    void aListedSwarmIsTrackedWithItsIntervalsAndScrapeAndTheTableShowsTheBestFirst() throws Exception {
        String v6 = "udp://[::1]:" + ipv6Relay.port() + "/announce";
        String dead = "udp://127.0.0.1:" + closedUdp + "/announce";

        CliRuns.Run json = CliRuns.production(
                "trackers",
                opentracker.udpUrl(),
                opentracker.httpUrl(),
                v6,
                "--info-hash",
                LISTED.hex(),
                "--timeout",
                "5",
                "--json");
        CliRuns.Run table = CliRuns.production(
                "trackers", dead, opentracker.udpUrl(), "--info-hash", LISTED.hex(), "--timeout", "5");

        assertEquals(0, json.exitCode(), json.err());
        for (JsonNode tracker : JSON.readTree(json.out()).get("trackers")) {
            JsonNode address = tracker.get("addresses").get(0);
            assertEquals("ok", address.get("status").asText(), address.toString());
            assertTrue(address.get("error").isNull());
            assertTrue(address.get("announceMs").isNumber());
            long interval = address.get("interval").asLong();
            assertTrue(interval >= 1500 && interval <= 2100, "opentracker's interval, got " + interval);
            assertEquals("ok", address.get("scrape").asText(), address.toString());
            assertTrue(address.get("scrapeMs").isNumber());
        }
        JsonNode http = JSON.readTree(json.out())
                .get("trackers")
                .get(1)
                .get("addresses")
                .get(0);
        assertEquals(http.get("interval").asLong() / 2, http.get("minInterval").asLong(), "HTTP gives min interval");
        assertEquals(1, table.exitCode(), table.err());
        List<String> lines = table.outLines();
        assertTrue(lines.get(0).startsWith("STATUS"), table.out());
        assertTrue(lines.get(1).startsWith("ok ") && lines.get(1).contains(opentracker.udpUrl()), table.out());
        assertTrue(lines.get(2).startsWith("refused ") && lines.get(2).contains(dead), table.out());
    }

    @Test
    void ndjsonIsOneEventPerCheckedAddress() throws Exception {
        CliRuns.Run run = CliRuns.production(
                "trackers", opentracker.udpUrl(), "udp://127.0.0.1:" + closedUdp + "/x", "--ndjson", "--timeout", "3");

        assertEquals(1, run.exitCode(), run.err());
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.outLines()) {
            events.add(JSON.readTree(line));
        }
        assertEquals(2, events.size(), run.out());
        for (JsonNode event : events) {
            assertEquals("check", event.get("event").asText());
            assertEquals(1, event.get("round").asInt());
            for (String field : List.of(
                    "url",
                    "address",
                    "family",
                    "alive",
                    "status",
                    "error",
                    "warning",
                    "connectMs",
                    "announceMs",
                    "scrapeMs",
                    "interval",
                    "minInterval",
                    "scrape")) {
                assertTrue(event.has(field), field + " in " + event);
            }
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        CliRuns.Run tooOften = CliRuns.production("trackers", opentracker.udpUrl(), "--watch", "10");
        CliRuns.Run notAUrl = CliRuns.production("trackers", "tracker.example:6969");
        CliRuns.Run nothing = CliRuns.production("trackers");
        CliRuns.Run badHash = CliRuns.production("trackers", opentracker.udpUrl(), "--info-hash", "abc");

        for (CliRuns.Run run : List.of(tooOften, notAUrl, nothing, badHash)) {
            assertEquals(2, run.exitCode(), run.err());
            assertEquals(1, run.errLines().size(), run.err());
        }
        assertTrue(tooOften.err().contains("at least 60 seconds"), tooOften.err());
    }

    /** Stops at the count and sums up; a watch faster than once a minute needs a real swarm. */
    @Test
    void aShortWatchWithARealSwarmEndsWithASummaryPerUrlAndAddress() throws Exception {
        CliRuns.Run run = CliRuns.production(
                "trackers",
                opentracker.udpUrl(),
                "--info-hash",
                LISTED.hex(),
                "--watch",
                "1",
                "--count",
                "2",
                "--timeout",
                "1");

        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.outLines()) {
            events.add(JSON.readTree(line));
        }
        assertEquals(
                List.of("check", "check", "summary"),
                events.stream().map(e -> e.get("event").asText()).toList());
        assertEquals(
                List.of(1, 2),
                events.subList(0, 2).stream().map(e -> e.get("round").asInt()).toList());
        JsonNode summary = events.get(2);
        assertEquals(2, summary.get("checks").asInt());
        assertEquals(100.0, summary.get("uptimePercent").asDouble());
        assertTrue(summary.get("medianMs").isNumber()
                && summary.get("p95Ms").isNumber()
                && summary.get("maxMs").isNumber());
        assertEquals(0, summary.get("failures").size());
    }

    /** A real process and a real SIGINT: the watch ends with its summary instead of dying mid-line. */
    @Test
    void ctrlCEndsAWatchWithItsSummary() throws Exception {
        Process process = watchEverySecond(ProcessBuilder.Redirect.DISCARD);
        try (var out = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            JsonNode first = JSON.readTree(out.readLine());
            assertEquals("check", first.get("event").asText());
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid()))
                    .start()
                    .waitFor();
            assertTrue(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the watch ended");
            assertEquals(130, process.exitValue(), "128 + SIGINT, as the shell expects");
            List<JsonNode> rest = new ArrayList<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                rest.add(JSON.readTree(line));
            }
            JsonNode summary = rest.get(rest.size() - 1);
            assertEquals("summary", summary.get("event").asText(), rest.toString());
            assertTrue(summary.get("checks").asInt() >= 1, summary.toString());
            assertEquals(100.0, summary.get("uptimePercent").asDouble());
        } finally {
            process.destroyForcibly();
        }
    }

    /** As after {@code trackers --watch ... | head -1}: the watch ends when its reader goes away, quietly. */
    @Test
    void aWatchWhoseReaderGoesAwayEnds() throws Exception {
        Path err = dir.resolve("reader-gone.err");
        Process process = watchEverySecond(ProcessBuilder.Redirect.to(err.toFile()));
        try {
            var out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("check", JSON.readTree(out.readLine()).get("event").asText());
            out.close(); // the reader goes away: the next round's line cannot be written

            assertTrue(process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS), "the watch ended");
            assertEquals(0, process.exitValue(), Files.readString(err));
            String said = Files.readString(err);
            assertTrue(said.startsWith("watched 1 URL: 1 answered at least once"), said);
            assertTrue(!said.contains("cannot write") && !said.contains("Exception"), said);
        } finally {
            process.destroyForcibly();
        }
    }

    /** A real process watching the real tracker once a second, its NDJSON on a pipe. */
    private static Process watchEverySecond(ProcessBuilder.Redirect err) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.peerscout.cli.Main",
                        "trackers",
                        opentracker.udpUrl(),
                        "--info-hash",
                        LISTED.hex(),
                        "--watch",
                        "1",
                        "--timeout",
                        "1")
                .redirectError(err)
                .start();
    }

    /** A check waiting for a silent tracker ends on Ctrl-C with what it has, not at the deadline. */
    @Test
    void ctrlCEndsACheckWithTheUrlsCheckedSoFar() throws Exception {
        Path err = dir.resolve("interrupted-check.err");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.peerscout.cli.Main",
                        "trackers",
                        "--ndjson",
                        opentracker.udpUrl(),
                        "udp://127.0.0.1:" + silentUdp.getLocalPort() + "/announce",
                        "--timeout",
                        "60")
                .redirectError(err.toFile())
                .start();
        try (var out = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("check", JSON.readTree(out.readLine()).get("event").asText());
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid()))
                    .start()
                    .waitFor();

            assertTrue(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "ended long before the deadline");
            assertEquals(130, process.exitValue());
            assertTrue(
                    Files.readString(err).contains("1 of 2 tracker URLs answered (1 of 2 addresses)"),
                    Files.readString(err));
        } finally {
            process.destroyForcibly();
        }
    }

    private static Map<String, JsonNode> addressesByUrl(JsonNode document) {
        Map<String, JsonNode> byUrl = new LinkedHashMap<>();
        for (JsonNode tracker : document.get("trackers")) {
            assertEquals(1, tracker.get("addresses").size(), tracker.toString());
            byUrl.put(tracker.get("url").asText(), tracker.get("addresses").get(0));
        }
        return byUrl;
    }

    /**
     * Forwards datagrams between clients on [::1] and a tracker on 127.0.0.1, so that the IPv4-only
     * opentracker answers over IPv6 too. Announces ask for no peers, so its IPv4-sized peer entries
     * never have to be rewritten.
     */
    private static final class UdpRelay implements AutoCloseable {
        private final DatagramSocket front;
        private final DatagramSocket back;
        private final Thread forward;
        private final Thread backward;
        private volatile SocketAddress client;

        private UdpRelay(DatagramSocket front, DatagramSocket back, int trackerPort) {
            this.front = front;
            this.back = back;
            InetSocketAddress tracker = new InetSocketAddress(InetAddress.getLoopbackAddress(), trackerPort);
            forward = pump(front, packet -> {
                client = packet.getSocketAddress();
                back.send(new DatagramPacket(packet.getData(), packet.getLength(), tracker));
            });
            backward = pump(back, packet -> {
                SocketAddress to = client;
                if (to != null) {
                    front.send(new DatagramPacket(packet.getData(), packet.getLength(), to));
                }
            });
        }

        static UdpRelay onIpv6To(int trackerPort) throws IOException {
            return new UdpRelay(
                    new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0)),
                    new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                    trackerPort);
        }

        int port() {
            return front.getLocalPort();
        }

        private interface Handler {
            void handle(DatagramPacket packet) throws IOException;
        }

        private static Thread pump(DatagramSocket from, Handler handler) {
            Thread thread = new Thread(
                    () -> {
                        byte[] buffer = new byte[2048];
                        while (!from.isClosed()) {
                            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                            try {
                                from.receive(packet);
                                handler.handle(packet);
                            } catch (IOException e) {
                                // closed, or an ICMP error for a client that left: go on until closed
                            }
                        }
                    },
                    "udp-relay-" + from.getLocalPort());
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        @Override
        public void close() throws InterruptedException {
            front.close();
            back.close();
            forward.join(2_000);
            backward.join(2_000);
        }
    }
}
