package dev.peerscout.cli.ends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.testing.ChildProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peerscout info --json BIG | head -c 1000}: a reader that goes away is its choice, as for
 * every Unix tool, so the command ends with its usual exit code and nothing on stderr. The JSON
 * document is written as bytes straight to standard output (not through the writer that the
 * human output uses), so this is proven here on its own, with a document larger than a pipe holds.
 */
class ReaderGoneTest {
    private static final int FILES = 20_000;

    @Test
    void infoJsonIntoAReaderThatLeavesAfterItsFirstBytesEndsQuietly(@TempDir Path dir) throws Exception {
        Path torrent =
                Files.write(dir.resolve("many-files.torrent"), manyFiles().getBytes(StandardCharsets.UTF_8));
        Process process = ChildProcesses.killedOnExit(
                new ProcessBuilder(ChildCli.command("info", "--json", torrent.toString())).start());
        byte[] first;
        try (InputStream out = process.getInputStream()) {
            first = out.readNBytes(1000);
        }

        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running after its reader left");
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), err);
        assertEquals("", err);
        assertTrue(new String(first, StandardCharsets.UTF_8).startsWith("{\n  \"name\" : \"many-files\""));
    }

    /** 20,000 one-byte files: over 1 MB of JSON, far more than a pipe's buffer. */
    private static String manyFiles() throws IOException {
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < FILES; i++) {
            String name = "file-" + i + ".bin";
            files.append("d6:lengthi1e4:pathl")
                    .append(name.length())
                    .append(':')
                    .append(name)
                    .append("ee");
        }
        int pieceLength = 16384;
        int pieces = (FILES + pieceLength - 1) / pieceLength;
        return "d8:announce26:udp://127.0.0.1:1/announce4:infod5:filesl" + files + "e4:name10:many-files"
                + "12:piece lengthi" + pieceLength + "e6:pieces" + 20 * pieces + ":" + "x".repeat(20 * pieces) + "ee";
    }
}
