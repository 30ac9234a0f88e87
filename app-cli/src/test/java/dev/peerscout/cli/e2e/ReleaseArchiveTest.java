package dev.peerscout.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peerscout.domain.testing.ChildProcesses;
import dev.peerscout.domain.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user installs it: unpacked into a directory whose name has a space, its
 * {@code bin/peerscout} run through a symlink from another directory, with a cache directory of
 * its own. Runs in the build's package phase, after the archive is made (the system property
 * {@code peerscout.archive} names it).
 */
class ReleaseArchiveTest {
    private static final String TORRENT = "anacrolix-testdata/debian-10.8.0-amd64-netinst.iso.torrent";

    @TempDir
    static Path dir;

    private static Path prefix;
    /** A symlink to bin/peerscout in a directory of its own, as ~/bin/peerscout might be. */
    private static Path linked;

    private static Path cacheHome;

    @BeforeAll
    static void unpack() throws Exception {
        String made = System.getProperty("peerscout.archive");
        // Only the package phase's run has an archive; picked by -Dtest in the test phase, it waits for that run.
        assumeTrue(made != null, "runs in the package phase, after the archive is made");
        Path archive = Path.of(made);
        assertTrue(Files.isRegularFile(archive), "no release archive at " + archive);
        prefix = Files.createDirectories(dir.resolve("install prefix"));
        run(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", prefix.toString()), Map.of());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/bin"));
        linked = Files.createSymbolicLink(elsewhere.resolve("peerscout"), prefix.resolve("bin/peerscout"));
        cacheHome = Files.createDirectories(dir.resolve("cache home"));
    }

    @Test
    void versionNamesTheVersionAndTheCommit() throws Exception {
        Result version = peerscout("--version");

        assertEquals(0, version.exitCode(), version.err());
        assertTrue(
                version.out().matches("(?s)peerscout \\d+\\.\\d+\\.\\d+\\S* \\(commit [0-9a-f]{7,}(-dirty)?\\)\n.*"),
                version.out());
    }

    @Test
    void everyClassFileHasStackMapFramesSoAnAotCacheCanHoldIt() throws Exception {
        // From Java 7's class files on, frames are required (version 50 may still lack them): picocli's
        // Java 5 ones get theirs at package time (src/build/AddStackMapFrames.java).
        List<String> withoutFrames = new ArrayList<>();
        int classes = 0;
        try (ZipFile jar =
                new ZipFile(prefix.resolve("lib/peerscout/peerscout.jar").toFile())) {
            for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    classes++;
                    try (InputStream in = jar.getInputStream(entry)) {
                        byte[] header = in.readNBytes(8);
                        if (((header[6] & 0xff) << 8 | (header[7] & 0xff)) < 51) {
                            withoutFrames.add(entry.getName());
                        }
                    }
                }
            }
        }
        assertTrue(classes > 1000, "classes in the jar: " + classes);
        assertEquals(List.of(), withoutFrames);
    }

    @Test
    void infoRunsThroughTheSymlinkAndThenFromTheStartUpCacheItMade() throws Exception {
        String torrent = SharedCorpus.corpus(TORRENT).toString();
        Result first = peerscout("info", torrent);
        Result made = peerscout("--make-start-cache");
        Result cached = peerscout("info", torrent);

        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("Info hash:    4090c3c2a394a49974dfbbf2ce7ad0db3cdeddd7"), first.out());
        assertEquals(0, made.exitCode(), made.err());
        try (Stream<Path> caches = Files.list(cacheHome.resolve("peerscout"))) {
            assertTrue(
                    caches.anyMatch(f -> f.getFileName().toString().matches("peerscout-.*\\.(jsa|aot)")),
                    "no start-up cache in " + cacheHome + ": " + made.err());
        }
        assertEquals(0, cached.exitCode(), cached.err());
        assertEquals(first.out(), cached.out());
        assertEquals("", cached.err());
    }

    @Test
    void everyManPageRenders() throws Exception {
        List<Path> pages;
        try (Stream<Path> files = Files.list(prefix.resolve("share/man/man1"))) {
            pages = files.sorted().toList();
        }
        assertTrue(pages.stream().anyMatch(p -> p.endsWith("peerscout.1")), pages.toString());
        assertTrue(pages.stream().anyMatch(p -> p.endsWith("peerscout-peers.1")), pages.toString());
        for (Path page : pages) {
            Result man = run(
                    List.of("man", "-l", page.toString()), Map.of("MANPAGER", "cat", "MANWIDTH", "100", "LANG", "C"));
            assertEquals(0, man.exitCode(), page + ": " + man.err());
            assertTrue(
                    man.out().contains("NAME")
                            && man.out().contains("OPTIONS")
                            && man.out().contains("--help"),
                    page + ": " + man.out());
            assertEquals("", man.err(), page + " has roff warnings");
        }
    }

    @Test
    void bashCompletionOffersEverySubcommandThatHasAManPageAndTheirOptions() throws Exception {
        Path script = prefix.resolve("share/bash-completion/completions/peerscout");

        List<String> subcommands;
        try (Stream<Path> pages = Files.list(prefix.resolve("share/man/man1"))) {
            subcommands = pages.map(page -> page.getFileName().toString())
                    .filter(name -> name.startsWith("peerscout-"))
                    .map(name -> name.substring("peerscout-".length(), name.length() - ".1".length()))
                    .sorted()
                    .toList();
        }
        assertTrue(subcommands.containsAll(List.of("info", "peers", "scrape")), subcommands.toString());
        assertEquals(
                subcommands,
                complete(script, "").stream()
                        .filter(word -> !word.startsWith("-"))
                        .sorted()
                        .toList());
        assertTrue(complete(script, "peers", "--min").contains("--min-peers"));
    }

    /** What bash offers after {@code peerscout WORDS...} (the last word is the one being completed). */
    private static List<String> complete(Path script, String... words) throws Exception {
        String line = "peerscout " + String.join(" ", words);
        Result bash = run(bashCompleting(script, words), Map.of("LINE", line));
        assertEquals(0, bash.exitCode(), bash.err());
        return bash.out()
                .lines()
                .map(String::strip)
                .filter(word -> !word.isEmpty())
                .toList();
    }

    private static List<String> bashCompleting(Path script, String... words) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", """
                source "$1"; shift
                complete -p peerscout > /dev/null || exit 9
                COMP_WORDS=(peerscout "$@"); COMP_CWORD=$#; COMP_LINE="$LINE"; COMP_POINT=${#COMP_LINE}
                _complete_peerscout
                printf '%s\\n' "${COMPREPLY[@]}"
                """, "bash", script.toString()));
        command.addAll(List.of(words));
        return command;
    }

    private static Result peerscout(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(linked.toString()));
        command.addAll(List.of(args));
        // From another directory, with a cache home of its own and no first-use cache made behind our back.
        return run(command, Map.of("XDG_CACHE_HOME", cacheHome.toString(), "PEERSCOUT_START_CACHE", "off"));
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = ChildProcesses.killedOnExit(builder.start());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not end: " + command);
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
