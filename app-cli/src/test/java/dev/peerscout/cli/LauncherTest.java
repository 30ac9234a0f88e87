package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX launcher (src/launcher/peerscout) under {@code /bin/sh}, with a stand-in {@code java}
 * that prints the arguments it was given, one a line: what the launcher would run, without a JVM.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("src/launcher/peerscout").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aJarPathWithSpacesReachesJavaAsOneArgument() throws Exception {
        Path jar = jar("with space/lib");

        Result run = run(jar, System.getenv("PATH"), "info", "a b.torrent");

        assertEquals(0, run.exitCode(), run.err());
        List<String> args = run.out().lines().toList();
        assertEquals(
                List.of("-jar", jar.toString(), "info", "a b.torrent"), args.subList(args.size() - 4, args.size()));
    }

    @Test
    void aJarPathTooLongForACacheNameStillRunsOnASystemWithoutCksum() throws Exception {
        // The cache is named by the jar's path, or by its checksum when the path is long; without cksum, by neither.
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Path jar = jar("a-directory-whose-name-is-long/".repeat(5) + "lib");

        Result run = run(jar, tools.toString(), "--version");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().endsWith("-jar\n" + jar + "\n--version\n"), run.out());
    }

    @Test
    void theNewestInstalledJdkFromTwentyFiveOnIsPreferredToAnOlderJavaHome() throws Exception {
        Path jdk17 = jdk("jvm/java-17", "17.0.15");
        Path jdk25 = jdk("jvm/temurin-25", "25.0.3");
        Path jdk26 = jdk("jvm/jdk-26", "26");
        jdk("jvm/jdk-24", "24.0.1");
        Path jar = jar("lib");

        Result run = withJavaHome(jdk17, jar, "info", "x.torrent");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(jdk26.resolve("bin/java").toString(), lines.get(0), "the java that ran");
        assertTrue(lines.contains("-Xlog:aot=off"), "JDK 25 and later start from an AOT cache: " + lines);
        assertTrue(!lines.contains(jdk25.resolve("bin/java").toString()));
    }

    @Test
    void aJavaHomeOfTwentyFiveOrLaterIsUsedAsItIs() throws Exception {
        Path jdk25 = jdk("jvm/temurin-25", "25.0.3");
        jdk("jvm/jdk-26", "26");
        Path jar = jar("lib");

        Result run = withJavaHome(jdk25, jar, "--version");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                jdk25.resolve("bin/java").toString(),
                run.out().lines().findFirst().orElseThrow());
    }

    @Test
    void peerscoutJavaIsUsedEvenWithANewerJdkInstalled() throws Exception {
        Path jdk17 = jdk("jvm/java-17", "17.0.15");
        jdk("jvm/temurin-25", "25.0.3");
        Path jar = jar("lib");

        Result run = runWith(
                Map.of(
                        "PEERSCOUT_JAVA", jdk17.resolve("bin/java").toString(),
                        "PEERSCOUT_JDK_DIRS", dir.resolve("jvm").toString()),
                jar,
                "--version");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(jdk17.resolve("bin/java").toString(), lines.get(0));
        assertTrue(lines.contains("-Xlog:cds=off"), "JDK 17 starts from a class-data archive: " + lines);
    }

    @Test
    void aJavaOlderThanSeventeenIsOneLineAndExitCodeThree() throws Exception {
        Path jdk11 = jdk("jvm/java-11", "11.0.25");
        Path jar = jar("lib");

        Result run = withJavaHome(jdk11, jar, "--version");

        assertEquals(3, run.exitCode());
        assertEquals("", run.out());
        assertEquals(
                "peerscout: needs Java 17 or newer; " + jdk11 + " is Java 11.0.25 (set JAVA_HOME or PEERSCOUT_JAVA)\n",
                run.err());
    }

    @Test
    void aRunThatStaysOnThisMachineStartsFromTheLocalAotCacheAndANetworkRunFromTheFullOne() throws Exception {
        Path jdk25 = jdk("jvm/temurin-25", "25.0.3");
        Path jar = jar("lib");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        Path caches = dir.resolve("caches");
        Map<String, String> env = Map.of(
                "JAVA_HOME", jdk25.toString(),
                "PEERSCOUT_JDK_DIRS", dir.resolve("jvm").toString(),
                "PEERSCOUT_CACHE_DIR", caches.toString());

        Result made = runWith(env, jar, "--make-start-cache");

        assertEquals(0, made.exitCode(), made.err());
        List<String> names;
        try (var files = Files.list(caches)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(2, names.size(), names.toString());
        Path full = caches.resolve(names.stream()
                .filter(n -> !n.endsWith(".local.aot"))
                .findFirst()
                .orElseThrow());
        Path local = caches.resolve(
                names.stream().filter(n -> n.endsWith(".local.aot")).findFirst().orElseThrow());
        assertEquals(local, cacheOf(runWith(env, jar, "info", "x.torrent")));
        assertEquals(local, cacheOf(runWith(env, jar, "info", "--json", "magnet-notes.torrent")));
        assertEquals(local, cacheOf(runWith(env, jar, "--help")));
        assertEquals(full, cacheOf(runWith(env, jar, "info", "magnet:?xt=urn:btih:" + "ab".repeat(20))));
        assertEquals(full, cacheOf(runWith(env, jar, "info", "--timeout", "5", "AB".repeat(20))));
        assertEquals(full, cacheOf(runWith(env, jar, "--verbose", "peers", "x.torrent")));
        assertEquals(full, cacheOf(runWith(env, jar, "scrape", "x.torrent")));
        Result again = runWith(env, jar, "--make-start-cache");
        assertTrue(again.err().contains("up to date"), again.err());
    }

    /** The cache a stand-in java was started with. */
    private static Path cacheOf(Result run) {
        assertEquals(0, run.exitCode(), run.err());
        return run.out()
                .lines()
                .filter(line -> line.startsWith("-XX:AOTCache="))
                .map(line -> Path.of(line.substring("-XX:AOTCache=".length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no AOT cache: " + run.out()));
    }

    /**
     * A stand-in JDK: a release file and a java that prints its own path, then its arguments, one a
     * line; asked to write an AOT cache, it writes a file there.
     */
    private Path jdk(String under, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(under));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"stand-in\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                for arg in "$@"; do
                  case $arg in -XX:AOTCacheOutput=*) echo cache > "${arg#-XX:AOTCacheOutput=}" ;; esac
                done
                printf '%s\\n' "$0" "$@"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** The launcher with {@code home} as JAVA_HOME and the stand-in JDKs under jvm/ installed. */
    private Result withJavaHome(Path home, Path jar, String... arguments) throws Exception {
        return runWith(
                Map.of(
                        "JAVA_HOME",
                        home.toString(),
                        "PEERSCOUT_JDK_DIRS",
                        dir.resolve("jvm").toString()),
                jar,
                arguments);
    }

    /** The launcher with the environment {@code env} (and no java on the PATH), a jar, no start-up cache made on first use. */
    private Result runWith(Map<String, String> env, Path jar, String... arguments) throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("cksum", "readlink", "mkdir", "mv", "rm")) {
            if (!Files.exists(tools.resolve(tool))) {
                Files.createSymbolicLink(tools.resolve(tool), Path.of(which(tool)));
            }
        }
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment()
                .putAll(Map.of(
                        "PATH", tools.toString(),
                        "HOME", dir.toString(),
                        "PEERSCOUT_JAR", jar.toString(),
                        "PEERSCOUT_START_CACHE", "off"));
        return finish(builder);
    }

    private Path jar(String under) throws IOException {
        Path jar = Files.createDirectories(dir.resolve(under)).resolve("peerscout.jar");
        Files.write(jar, new byte[0]);
        return jar;
    }

    private record Result(int exitCode, String out, String err) {}

    private Result run(Path jar, String path, String... arguments) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(Map.of(
                "PATH", path,
                "HOME", dir.toString(),
                "PEERSCOUT_JAVA", java.toString(),
                "PEERSCOUT_JAR", jar.toString(),
                "PEERSCOUT_START_CACHE", "off"));
        return finish(builder);
    }

    private static Result finish(ProcessBuilder builder) throws Exception {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), out, err);
    }

    private static String which(String tool) {
        for (String directory : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(tool + " is not on the PATH");
    }
}
