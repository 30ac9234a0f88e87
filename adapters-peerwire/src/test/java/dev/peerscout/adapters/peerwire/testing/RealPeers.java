package dev.peerscout.adapters.peerwire.testing;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.testing.ChildProcesses;
import io.vavr.control.Option;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Real libtorrent peers on 127.0.0.1 (Debian's {@code python3-libtorrent}), run by the
 * {@code real_peers.py} resource as one child process: a seeder of a v1, a v2-only and a hybrid
 * torrent, a second v1 seeder, a leecher with half the data, and a leecher connected to both
 * seeders (a PEX source). Start once per test class; the torrents' data can be seeded by aria2 and
 * transmission too ({@link #dataDir()}).
 */
public final class RealPeers implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path directory;
    private final String ready;

    private RealPeers(Process process, Path directory, String ready) {
        this.process = process;
        this.directory = directory;
        this.ready = ready;
    }

    /** Skips (or, under CI, fails) the calling test when python3-libtorrent is not installed. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(Path.of(PYTHON)) && exitsCleanly(PYTHON, "-c", "import libtorrent");
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("python3-libtorrent is not installed but CI must run these tests");
        }
        Assumptions.assumeTrue(installed, "python3-libtorrent is not installed (apt-get install python3-libtorrent)");
    }

    static boolean exitsCleanly(String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static RealPeers start() throws IOException, InterruptedException {
        assumeInstalled();
        Path directory = Files.createTempDirectory("real-peers");
        Path script = directory.resolve("real_peers.py");
        try (InputStream resource = RealPeers.class.getResourceAsStream("real_peers.py")) {
            Files.copy(resource, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path work = Files.createDirectory(directory.resolve("work"));
        Process process = new ProcessBuilder(PYTHON, "-u", script.toString(), work.toString())
                .redirectError(directory.resolve("stderr.log").toFile())
                .start();
        ChildProcesses.killedOnExit(process);
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String ready;
        try {
            ready = line.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            ready = null;
        }
        if (ready == null || !ready.contains("\"ports\"")) {
            ChildProcesses.stop(process);
            throw new IOException("libtorrent peers did not start: " + ready + "\n"
                    + Files.readString(directory.resolve("stderr.log")));
        }
        return new RealPeers(process, directory, ready);
    }

    /** The listen port of {@code seeder}, {@code seeder2}, {@code partial} or {@code pex}. */
    public int port(String name) {
        Matcher m = Pattern.compile("\"" + name + "\": (\\d+)").matcher(ready);
        if (!m.find()) {
            throw new IllegalArgumentException("no peer " + name);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The torrent {@code v1}, {@code v2} or {@code hybrid}. */
    public TorrentFacts torrent(String kind) {
        Matcher m = Pattern.compile("\"" + kind
                        + "\": \\{\"path\": \"([^\"]+)\", \"pieces\": (\\d+), \"v1\": (null|\"[0-9a-f]+\"), "
                        + "\"v2\": (null|\"[0-9a-f]+\")\\}")
                .matcher(ready);
        if (!m.find()) {
            throw new IllegalArgumentException("no torrent " + kind + " in " + ready);
        }
        Option<InfoHash> v1 = m.group(3).equals("null")
                ? Option.none()
                : Option.of(InfoHash.fromHex(m.group(3).replace("\"", "")));
        Option<InfoHashV2> v2 = m.group(4).equals("null")
                ? Option.none()
                : Option.of(InfoHashV2.fromHex(m.group(4).replace("\"", "")));
        return new TorrentFacts(Path.of(m.group(1)), new InfoHashes(v1, v2), Long.parseLong(m.group(2)));
    }

    /** Where the complete data lies (the directory holding {@code payload.bin}). */
    public Path dataDir() {
        return directory.resolve("work").resolve("data");
    }

    /** A torrent made by the script: its file, hashes and piece count as libtorrent counts them. */
    public record TorrentFacts(Path path, InfoHashes hashes, long pieces) {}

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                ChildProcesses.stop(process);
            }
        } catch (IOException e) {
            ChildProcesses.stop(process);
        } catch (InterruptedException e) {
            ChildProcesses.stop(process);
            Thread.currentThread().interrupt();
        }
    }
}
