package dev.peerscout.adapters.peerwire.testing;

import dev.peerscout.domain.testing.ChildProcesses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * aria2 and transmission-cli seeding a torrent on 127.0.0.1 with no tracker, DHT, local
 * discovery or PEX: reachable only by the tests that know their port.
 */
public final class OtherClients implements AutoCloseable {
    private final Process process;
    private final int port;

    private OtherClients(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public static void assumeInstalled(String program) {
        boolean installed = RealPeers.exitsCleanly("sh", "-c", "command -v " + program);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException(program + " is not installed but CI must run these tests");
        }
        Assumptions.assumeTrue(installed, program + " is not installed");
    }

    /** aria2 seeding {@code torrent} from {@code dataDir}. */
    public static OtherClients aria2(Path torrent, Path dataDir) throws IOException, InterruptedException {
        assumeInstalled("aria2c");
        int port = freePort();
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
                        "--file-allocation=none",
                        "--summary-interval=0",
                        "--console-log-level=warn",
                        "-d",
                        dataDir.toString(),
                        torrent.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return started(process, port);
    }

    /**
     * transmission-cli seeding {@code torrent} from {@code dataDir}; with {@code requireEncryption}
     * it closes every plaintext handshake.
     */
    public static OtherClients transmission(Path torrent, Path dataDir, boolean requireEncryption)
            throws IOException, InterruptedException {
        assumeInstalled("transmission-cli");
        int port = freePort();
        Path config = Files.createTempDirectory("transmission");
        Files.writeString(
                config.resolve("settings.json"),
                "{\"bind-address-ipv4\": \"127.0.0.1\", \"bind-address-ipv6\": \"::1\", "
                        + "\"dht-enabled\": false, \"lpd-enabled\": false, \"pex-enabled\": false, \"utp-enabled\": false, "
                        + "\"port-forwarding-enabled\": false, \"rpc-enabled\": false, \"peer-port\": " + port + "}");
        Process process = new ProcessBuilder(
                        "transmission-cli",
                        "-g",
                        config.toString(),
                        "-p",
                        String.valueOf(port),
                        requireEncryption ? "-er" : "-et",
                        "-v",
                        "-w",
                        dataDir.toString(),
                        torrent.toString())
                .redirectErrorStream(true)
                .redirectOutput(config.resolve("output.log").toFile())
                .start();
        return started(process, port);
    }

    private static OtherClients started(Process process, int port) throws IOException, InterruptedException {
        ChildProcesses.killedOnExit(process);
        OtherClients client = new OtherClients(process, port);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                client.close();
                throw new IOException("the client did not start listening on " + port);
            }
            Thread.sleep(50);
        }
        return client;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}
