package dev.peerscout.adapters.torrentfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only conformance corpus in {@code ../shared/corpus}. Surefire passes its location as
 * {@code peerscout.shared.dir}; an IDE run finds it by walking up from the working directory.
 * A missing corpus fails the tests instead of skipping them: CI always has it.
 */
public final class SharedCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedCorpus() {}

    public static Path dir() {
        String configured = System.getProperty("peerscout.shared.dir");
        if (configured != null && !configured.isBlank()) {
            Path corpus = Path.of(configured).resolve("corpus");
            if (Files.isDirectory(corpus)) {
                return corpus.toAbsolutePath().normalize();
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path corpus = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(corpus)) {
                return corpus.normalize();
            }
        }
        throw new AssertionError("conformance corpus not found: set -Dpeerscout.shared.dir=<dir holding corpus/>"
                + " (configured: " + configured + ", working directory: " + Path.of("").toAbsolutePath() + ")");
    }

    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("missing corpus file " + file);
        }
        return file;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String relative) {
        try {
            return JSON.readTree(file(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
