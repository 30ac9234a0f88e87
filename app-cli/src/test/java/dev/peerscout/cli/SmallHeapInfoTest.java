package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.peerscout.domain.testing.ChildProcesses;
import dev.peerscout.domain.testing.LargeTorrents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peerscout info --json} on a torrent of a million files (35 MB), in a child JVM with the
 * 64 MiB heap the CLI promises to work in: it must list every file, not run out of memory. The
 * output (about 70 MB) is read as it comes, never held. A few seconds.
 */
class SmallHeapInfoTest {
    private static final int FILES = LargeTorrents.MILLION;

    @Test
    void aMillionFilesAreListedAsJsonInA64MiBHeap(@TempDir Path dir) throws Exception {
        Path torrent = LargeTorrents.oneMillionFiles(dir.resolve("files.torrent"));
        Path err = dir.resolve("stderr.txt");
        Process process = ChildProcesses.killedOnExit(new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "info",
                        "--json",
                        torrent.toString())
                .redirectError(err.toFile())
                .start());

        int paths = 0;
        String lastPath = null;
        try (JsonParser json = new JsonFactory().createParser(process.getInputStream())) {
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                if (token == JsonToken.FIELD_NAME && "path".equals(json.currentName())) {
                    lastPath = json.nextTextValue();
                    paths++;
                }
            }
        }

        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the small-heap JVM did not end");
        String stderr = Files.readString(err);
        assertEquals(0, process.exitValue(), stderr);
        assertEquals("", stderr);
        assertEquals(FILES, paths);
        assertEquals("dir/f" + (FILES - 1), lastPath);
    }
}
