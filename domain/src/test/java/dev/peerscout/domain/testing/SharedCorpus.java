package dev.peerscout.domain.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code ../shared} (docs, corpus, vectors) beside the checkout. Surefire passes it as the
 * system property {@code peerscout.shared.dir}; otherwise we walk up from the working directory.
 * Missing shared material fails the test: CI always has it.
 */
public final class SharedCorpus {
    private SharedCorpus() {}

    public static Path sharedDir() {
        String configured = System.getProperty("peerscout.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured, "corpus"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("cannot find ../shared/corpus (set -Dpeerscout.shared.dir)");
    }

    public static Path corpus(String first, String... more) {
        return sharedDir().resolve("corpus").resolve(Path.of(first, more));
    }
}
