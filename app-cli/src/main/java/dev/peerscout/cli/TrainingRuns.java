package dev.peerscout.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * The commands a start-up cache is trained on (the launcher's {@code --make-start-cache}: a
 * class-data archive for JDK 17 to 24, an AOT cache for JDK 25 and later): {@code info} in text and
 * JSON on a multi-file and a single-file torrent and a magnet link, {@code peers}, {@code scrape}
 * and {@code trackers} against loopback ports nobody listens on, and help; then the paths past a
 * first answer against a {@link TrainingSwarm} on loopback: {@code peers} through its UDP and its
 * HTTP tracker, and {@code info --save} of its magnet link (the HTTP announce and the BEP 9 fetch).
 * All in one JVM, output discarded; what matters is the classes they load and link, and the
 * methods they run. Nothing leaves 127.0.0.1: the DHT stays off.
 *
 * <p>With the argument {@code local}, only the runs that stay on this machine ({@code info} of a
 * file, help, version). A JDK 25 AOT cache loads and links every class it holds as the JVM starts:
 * trained on everything, {@code info} starts ~14 ms later; trained on {@code info} alone,
 * {@code peers --min-peers 1} took 379 ms instead of 231 (bench/README.md). So the launcher makes
 * both and picks by the command line; a class-data archive loads lazily and takes every run.
 */
public final class TrainingRuns {
    private TrainingRuns() {}

    public static void main(String[] args) throws IOException {
        SecurityProviders.loadInBackground(); // as Main does
        Path dir = Files.createTempDirectory("peerscout-training");
        try {
            Path multi = write(dir.resolve("multi.torrent"), multiFileTorrent());
            Path single = write(dir.resolve("single.torrent"), singleFileTorrent());
            String magnet = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=training"
                    + "&tr=udp%3A%2F%2F127.0.0.1%3A1%2Fannounce";
            List<List<String>> local = List.of(
                    List.of("info", multi.toString()),
                    List.of("info", "--json", multi.toString()),
                    List.of("info", single.toString()),
                    List.of("info", "--no-such-option"),
                    List.of("--help"),
                    List.of("--version"));
            for (List<String> run : local) {
                run(run.toArray(String[]::new));
            }
            if (List.of(args).contains("local")) {
                return;
            }
            List<List<String>> network = List.of(
                    List.of("info", "--json", "--offline", magnet),
                    List.of("peers", "--no-dht", "--timeout", "1", multi.toString()),
                    List.of("peers", "--no-dht", "--timeout", "1", "--json", magnet),
                    List.of("scrape", "--timeout", "1", multi.toString()),
                    List.of("trackers", "--timeout", "1", "udp://127.0.0.1:1/announce", "http://127.0.0.1:1/announce"),
                    List.of("trackers", "--timeout", "1", "--json", "udp://127.0.0.1:1/announce"));
            for (List<String> run : network) {
                run(run.toArray(String[]::new));
            }
            try (TrainingSwarm swarm = new TrainingSwarm(singleFileInfo().getBytes(StandardCharsets.ISO_8859_1))) {
                run(
                        "peers",
                        "--no-dht",
                        "--timeout",
                        "5",
                        "--min-peers",
                        "1",
                        "--tracker",
                        swarm.udpTracker(),
                        single.toString());
                run(
                        "peers",
                        "--no-dht",
                        "--timeout",
                        "5",
                        "--probe",
                        "--tracker",
                        swarm.httpTracker(),
                        single.toString());
                run(
                        "info",
                        "--no-dht",
                        "--timeout",
                        "5",
                        "--save",
                        dir.resolve("saved.torrent").toString(),
                        swarm.magnet());
                run("info", "--json", "--no-dht", "--timeout", "5", swarm.magnet());
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(String... args) {
        PeerscoutComponent component = DaggerPeerscoutComponent.create();
        try (Resources resources = component.resources()) {
            CommandLine commandLine = component.commandLines().forArguments(ProcessArguments.of(args));
            PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            commandLine.setOut(nowhere);
            commandLine.setErr(nowhere);
            Peerscout.run(commandLine, args);
        }
    }

    private static Path write(Path file, String bencoded) {
        try {
            return Files.write(file, bencoded.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two tiers (UDP, HTTP on loopback port 1, where nothing listens), two files, four pieces. */
    private static String multiFileTorrent() {
        String udp = "udp://127.0.0.1:1/announce";
        String http = "http://127.0.0.1:1/announce";
        return "d" + str("announce") + str(udp)
                + str("announce-list") + "ll" + str(udp) + "el" + str(http) + "ee"
                + str("comment") + str("training")
                + str("info") + "d" + str("files") + "l"
                + "d" + str("length") + "i600000e" + str("path") + "l" + str("a") + str("b.bin") + "ee"
                + "d" + str("length") + "i400000e" + str("path") + "l" + str("c.txt") + "ee"
                + "e" + str("name") + str("training") + str("piece length") + "i262144e"
                + str("pieces") + str("abcdefghijklmnopqrst".repeat(4)) + str("private") + "i0ee"
                + "e";
    }

    private static String singleFileTorrent() {
        return "d" + str("announce") + str("udp://127.0.0.1:1/announce") + str("info") + singleFileInfo() + "e";
    }

    /** The single-file torrent's info dictionary, which the training swarm also hands out. */
    private static String singleFileInfo() {
        return "d" + str("length") + "i1000000e" + str("name") + str("single.iso") + str("piece length") + "i262144e"
                + str("pieces") + str("abcdefghijklmnopqrst".repeat(4)) + "e";
    }

    private static String str(String text) {
        return text.length() + ":" + text;
    }
}
