package dev.peerscout.adapters.torrentfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.domain.testing.SharedCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the read-only conformance corpus ({@code ../shared/corpus}), located by the domain's
 * shared test fixture (system property {@code peerscout.shared.dir}, else a walk up from the
 * working directory). A missing corpus or file fails the test instead of skipping it: CI always
 * has the corpus.
 */
public final class CorpusFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusFiles() {}

    public static Path dir() {
        return SharedCorpus.sharedDir().resolve("corpus");
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
