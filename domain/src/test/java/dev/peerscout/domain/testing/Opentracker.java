package dev.peerscout.domain.testing;

import dev.peerscout.domain.model.InfoHash;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real opentracker (Debian package {@code opentracker}) on 127.0.0.1 with free ports, for
 * integration tests. Start one per test class. Debian's build only tracks whitelisted hashes, so
 * tests {@link #whitelist} every hash they announce (opentracker re-reads the list on SIGHUP).
 *
 * <p>When the binary is missing, tests are skipped on a developer machine but fail under CI
 * ({@code CI=true}), where {@code .ci/run} installs it: they must never silently skip there.
 */
public final class Opentracker implements AutoCloseable {
    private static final String BINARY = "opentracker";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path directory;
    private final int tcpPort;
    private final int udpPort;

    private Opentracker(Process process, Path directory, int tcpPort, int udpPort) {
        this.process = process;
        this.directory = directory;
        this.tcpPort = tcpPort;
        this.udpPort = udpPort;
    }

    /** Skips (or, under CI, fails) the calling test when opentracker is not installed. */
    public static void assumeInstalled() {
        boolean installed = onPath(BINARY);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("opentracker is not installed but CI must run these tests");
        }
        Assumptions.assumeTrue(installed, "opentracker is not installed (apt-get install opentracker)");
    }

    public static boolean onPath(String binary) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin");
        return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, binary)));
    }

    public static Opentracker start(InfoHash... whitelisted) throws IOException, InterruptedException {
        return start(List.of(whitelisted));
    }

    public static Opentracker start(Collection<InfoHash> whitelisted) throws IOException, InterruptedException {
        assumeInstalled();
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Path dir = Files.createTempDirectory("opentracker");
            // opentracker chroots into the directory and drops to 'nobody': it must be world-readable.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path list = dir.resolve("whitelist.txt");
            Files.writeString(list, lines(whitelisted));
            Files.setPosixFilePermissions(list, PosixFilePermissions.fromString("rw-r--r--"));
            int tcp = freeTcpPort();
            int udp = freeUdpPort();
            // -i must come before -p/-P, or those ports bind on every interface.
            Process process = new ProcessBuilder(
                            BINARY,
                            "-i",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(tcp),
                            "-P",
                            String.valueOf(udp),
                            "-d",
                            dir.toString(),
                            "-w",
                            "whitelist.txt")
                    .redirectErrorStream(true)
                    .redirectOutput(
                            dir.resolveSibling(dir.getFileName() + ".log").toFile())
                    .start();
            ChildProcesses.killedOnExit(process);
            Opentracker tracker = new Opentracker(process, dir, tcp, udp);
            if (tracker.awaitReady()) {
                return tracker;
            }
            tracker.close();
            last = new IOException("opentracker did not answer on udp port " + udp + " / tcp " + tcp);
        }
        throw last;
    }

    /** Adds hashes to the whitelist and waits until opentracker has re-read it. */
    public void whitelist(InfoHash... hashes) throws IOException, InterruptedException {
        whitelist(List.of(hashes));
    }

    public void whitelist(Collection<InfoHash> hashes) throws IOException, InterruptedException {
        // Only hashes not listed yet: a reload for nothing new would leave a moment in which
        // opentracker, re-reading its list, refuses a hash it had (a test's announce could land there).
        Path list = directory.resolve("whitelist.txt");
        Set<String> listed = new HashSet<>(Files.readAllLines(list));
        List<InfoHash> fresh = hashes.stream()
                .distinct()
                .filter(hash -> !listed.contains(hash.hex()))
                .toList();
        if (fresh.isEmpty()) {
            return;
        }
        Files.writeString(list, lines(fresh), StandardOpenOption.APPEND);
        new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid()))
                .start()
                .waitFor();
        for (InfoHash hash : fresh) {
            awaitSteadilyTracked(hash);
        }
    }

    /**
     * Until both front ends accept the hash several times in a row: under load a test's announce was
     * seen refused right after one acceptance, while opentracker was still settling its reloaded list.
     */
    private void awaitSteadilyTracked(InfoHash hash) throws IOException, InterruptedException {
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        int inARow = 0;
        while (true) {
            inARow = isTracked(hash) ? inARow + 1 : 0;
            if (inARow == 3) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new IOException("opentracker did not reload its whitelist");
            }
            Thread.sleep(20);
        }
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int udpPort() {
        return udpPort;
    }

    public String udpUrl() {
        return "udp://127.0.0.1:" + udpPort + "/announce";
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + tcpPort + "/announce";
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
        deleteRecursively(directory);
    }

    private boolean awaitReady() throws InterruptedException {
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                return false;
            }
            if (answersUdpConnect()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private boolean answersUdpConnect() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(200);
            ByteBuffer request =
                    ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(0x5eed);
            socket.send(new DatagramPacket(request.array(), 16, InetAddress.getLoopbackAddress(), udpPort));
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            socket.receive(reply);
            return reply.getLength() >= 16;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether both of opentracker's front ends accept the hash: under load its UDP side was seen to
     * refuse a hash for a moment after the HTTP side accepted it.
     */
    private boolean isTracked(InfoHash hash) throws InterruptedException {
        return isTrackedOverHttp(hash) && isTrackedOverUdp(hash);
    }

    /** A UDP 'stopped' announce changes nothing; opentracker answers a hash it refuses with 8 bytes. */
    private boolean isTrackedOverUdp(InfoHash hash) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(500);
            InetAddress tracker = InetAddress.getLoopbackAddress();
            ByteBuffer connect =
                    ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(1);
            socket.send(new DatagramPacket(connect.array(), 16, tracker, udpPort));
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            socket.receive(reply);
            long connectionId = ByteBuffer.wrap(reply.getData(), 8, 8).getLong();
            ByteBuffer announce = ByteBuffer.allocate(98)
                    .putLong(connectionId)
                    .putInt(1)
                    .putInt(2)
                    .put(hash.toBytes())
                    .put("-PS0000-whitelistprb".getBytes(StandardCharsets.US_ASCII))
                    .putLong(0)
                    .putLong(0)
                    .putLong(0)
                    .putInt(3)
                    .putInt(0)
                    .putInt(0)
                    .putInt(0)
                    .putShort((short) 1);
            socket.send(new DatagramPacket(announce.array(), 98, tracker, udpPort));
            socket.receive(reply);
            return reply.getLength() >= 20;
        } catch (IOException e) {
            return false;
        }
    }

    /** An HTTP 'stopped' announce changes nothing but tells whether the hash is whitelisted. */
    private boolean isTrackedOverHttp(InfoHash hash) throws InterruptedException {
        StringBuilder escaped = new StringBuilder();
        for (byte b : hash.toBytes()) {
            escaped.append('%').append(String.format("%02X", b & 0xFF));
        }
        URI uri = URI.create(httpUrl() + "?info_hash=" + escaped
                + "&peer_id=-PS0000-whitelistprb&port=1&uploaded=0&downloaded=0&left=0&compact=1&event=stopped");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
            return !response.body().contains("failure reason");
        } catch (IOException e) {
            return false;
        }
    }

    private static String lines(Collection<InfoHash> hashes) {
        return hashes.stream().map(h -> h.hex() + "\n").collect(Collectors.joining());
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
        dir.resolveSibling(dir.getFileName() + ".log").toFile().delete();
    }
}
