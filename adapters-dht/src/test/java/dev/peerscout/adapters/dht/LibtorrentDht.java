package dev.peerscout.adapters.dht;

import dev.peerscout.domain.testing.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small DHT of real libtorrent nodes (Debian's {@code python3-libtorrent}) on 127.0.0.1, one of
 * which has announced itself as a peer of a swarm: run by the {@code libtorrent_dht.py} test
 * resource as a child process, stopped by its pid. Start one per test class.
 *
 * <p>When the module is missing, tests are skipped on a developer machine but fail under CI
 * ({@code CI} set), where {@code .ci/run} installs it: they must never silently skip there.
 */
public final class LibtorrentDht implements AutoCloseable {
    /** Debian's own interpreter: another python3 earlier on PATH would not have the module. */
    private static final String PYTHON = "/usr/bin/python3";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(40);

    private final Process process;
    private final Path directory;
    private final List<Integer> nodePorts;
    private final int peerPort;

    private LibtorrentDht(Process process, Path directory, List<Integer> nodePorts, int peerPort) {
        this.process = process;
        this.directory = directory;
        this.nodePorts = List.copyOf(nodePorts);
        this.peerPort = peerPort;
    }

    /** Skips (or, under CI, fails) the calling test when python3-libtorrent is not installed. */
    public static void assumeInstalled() {
        boolean installed = hasLibtorrent();
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("python3-libtorrent is not installed but CI must run these tests");
        }
        Assumptions.assumeTrue(installed, "python3-libtorrent is not installed (apt-get install python3-libtorrent)");
    }

    /** Starts {@code nodes} sessions; the first announces {@code infoHashHex}. Returns once another finds it. */
    public static LibtorrentDht start(int nodes, String infoHashHex) throws IOException, InterruptedException {
        assumeInstalled();
        Path directory = Files.createTempDirectory("libtorrent-dht");
        Path script = directory.resolve("libtorrent_dht.py");
        try (InputStream resource = LibtorrentDht.class.getResourceAsStream("libtorrent_dht.py")) {
            Files.copy(resource, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path saveDir = Files.createDirectory(directory.resolve("data"));
        Process process = new ProcessBuilder(
                        PYTHON, "-u", script.toString(), String.valueOf(nodes), infoHashHex, saveDir.toString())
                .redirectError(directory.resolve("stderr.log").toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                    lines.add("eof");
                },
                "libtorrent-dht-stdout");
        reader.setDaemon(true);
        reader.start();

        List<Integer> nodePorts = new ArrayList<>();
        int peerPort = 0;
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals("eof") || line.startsWith("failed")) {
                String log = Files.readString(directory.resolve("stderr.log"));
                new LibtorrentDht(process, directory, nodePorts, peerPort).close();
                throw new IOException("libtorrent DHT did not get ready: " + (line == null ? "timed out" : line)
                        + (log.isBlank() ? "" : "\n" + log));
            }
            if (line.startsWith("node ")) {
                nodePorts.add(Integer.parseInt(line.substring(5)));
            } else if (line.startsWith("peer ")) {
                peerPort = Integer.parseInt(line.substring(5));
            } else if (line.equals("ready")) {
                return new LibtorrentDht(process, directory, nodePorts, peerPort);
            }
        }
    }

    /** The UDP ports of the DHT nodes, all on 127.0.0.1. */
    public List<Integer> nodePorts() {
        return nodePorts;
    }

    /** The listen port of the session that announced the swarm. */
    public int peerPort() {
        return peerPort;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // closing stdin is only the polite way to ask it to stop
        }
        ChildProcesses.stop(process);
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static boolean hasLibtorrent() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import libtorrent")
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!probe.waitFor(20, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
