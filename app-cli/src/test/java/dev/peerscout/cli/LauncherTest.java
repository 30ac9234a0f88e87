package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void aSystemWithoutCksumStillRuns() throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("tr"), Path.of(which("tr")));
        Path jar = jar("lib");

        Result run = run(jar, tools.toString(), "--version");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().endsWith("-jar\n" + jar + "\n--version\n"), run.out());
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
