package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.domain.testing.ChildProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a child JVM under the locales users really have: none at all ({@code env -i}, cron,
 * minimal containers: US-ASCII) and UTF-8. File names are made and passed by bash from raw bytes,
 * as a shell would, so neither this JVM's locale nor its argument encoding can blur them.
 */
class LocaleTest {
    /** "Ünïcødé 日本" in the torrent; the files are called "café.torrent" and "bad\xff.torrent". */
    private static final String NAME = "\u00dcn\u00efc\u00f8d\u00e9 \u65e5\u672c";

    private static final String CAFE = "\"$(printf 'caf\\303\\251.torrent')\"";
    private static final String NOT_UTF8 = "\"$(printf 'bad\\377.torrent')\"";

    @TempDir
    static Path dir;

    @BeforeAll
    static void torrents() throws IOException {
        byte[] torrent = ("d8:announce29:http://127.0.0.1:1/a/announce4:infod6:lengthi5e4:name"
                        + NAME.getBytes(StandardCharsets.UTF_8).length + ":" + NAME
                        + "12:piece lengthi16384e6:pieces20:")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(torrent);
        out.writeBytes(new byte[20]);
        out.writeBytes("ee".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("plain.torrent"), out.toByteArray());
        Result made = shell("cp plain.torrent " + CAFE + " && cp plain.torrent " + NOT_UTF8);
        assertEquals(0, made.exitCode, made.err);
    }

    @Test
    void jsonIsUtf8WithNoLocaleAtAllAndANonAsciiFileNameOpens() throws IOException {
        Result run = peerscout("env -i", "info --json " + CAFE);

        assertEquals(0, run.exitCode, run.err);
        JsonNode json = new ObjectMapper().readTree(run.out.getBytes(StandardCharsets.UTF_8));
        assertEquals(NAME, json.get("name").asText());
        assertEquals(NAME, json.get("files").get(0).get("path").asText());
    }

    @Test
    void humanOutputEscapesWhatTheLocaleCannotShowInsteadOfAQuestionMark() {
        Result run = peerscout("env -i LC_ALL=C", "info " + CAFE);

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("Name:         \\u00dcn\\u00efc\\u00f8d\\u00e9 \\u65e5\\u672c\n"), run.out);
        assertFalse(run.out.replace("magnet:?", "").contains("?"), run.out);
    }

    @Test
    void theUtf8LocaleShowsTheNameItself() {
        Result run = peerscout("env -i LC_ALL=C.UTF-8", "info " + CAFE);

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("Name:         " + NAME + "\n"), run.out);
    }

    @Test
    void aFileNameThatIsNotUtf8OpensInAUtf8Locale() {
        Result run = peerscout("env -i LC_ALL=C.UTF-8", "info --json " + NOT_UTF8);

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains(NAME), run.out);
    }

    @Test
    void aMissingFileIsNamedByItsBytes() {
        Result run = peerscout("env -i LC_ALL=C.UTF-8", "info \"$(printf 'gone\\377.torrent')\"");

        assertEquals(2, run.exitCode);
        assertEquals("peerscout: gone\\xff.torrent: no such file\n", run.err);
    }

    @Test
    void infoDashReadsTheTorrentFromStandardInput() {
        Result run = peerscout("env -i", "info --json - < plain.torrent");

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("\"name\" : \"" + NAME + "\""), run.out);
    }

    @Test
    void garbageOnStandardInputIsOneLine() {
        Result run = peerscout("env -i", "info - < /dev/null");

        assertEquals(2, run.exitCode);
        assertTrue(
                run.err.startsWith("peerscout: standard input: ")
                        && run.err.lines().count() == 1,
                run.err);
    }

    /** {@code environment} is an {@code env} invocation; {@code arguments} are shell words for peerscout. */
    private static Result peerscout(String environment, String arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return shell("exec " + environment + " '" + java + "' -cp \"$PEERSCOUT_CP\" " + Main.class.getName() + " "
                + arguments);
    }

    private static Result shell(String script) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(dir.toFile());
        builder.environment().put("PEERSCOUT_CP", System.getProperty("java.class.path"));
        try {
            Process process = ChildProcesses.killedOnExit(builder.start());
            process.getOutputStream().close();
            byte[] err = process.getErrorStream().readAllBytes();
            byte[] out = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child did not end");
            return new Result(
                    process.exitValue(),
                    new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private record Result(int exitCode, String out, String err) {}
}
