package dev.peerscout.bencode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared bencode vectors ({@code ../shared/corpus/vectors/bencode-vectors.json}), read in
 * place. This module depends on nothing of ours, not even the domain's test fixtures, so it finds
 * {@code ../shared} itself: Surefire's {@code peerscout.shared.dir}, else the first {@code shared}
 * beside a parent of the working directory. Missing vectors fail the test.
 */
final class SharedVectors {
    private SharedVectors() {}

    static JsonNode bencode() {
        try {
            return new ObjectMapper()
                    .readTree(corpus().resolve("vectors/bencode-vectors.json").toFile())
                    .get("vectors");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path corpus() {
        String configured = System.getProperty("peerscout.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured, "corpus"))) {
            return Path.of(configured, "corpus");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolveSibling("shared").resolve("corpus"))) {
                return dir.resolveSibling("shared").resolve("corpus");
            }
        }
        throw new AssertionError("cannot find ../shared/corpus (set -Dpeerscout.shared.dir)");
    }
}
