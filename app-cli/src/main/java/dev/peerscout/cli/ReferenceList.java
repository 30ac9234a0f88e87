package dev.peerscout.cli;

import dev.peerscout.domain.model.LosslessText;
import dev.peerscout.domain.model.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;

/**
 * A {@code --from FILE} list: one reference (or tracker URL) per line, blank lines and {@code #}
 * comments skipped; {@code -} is standard input, the stream this was given. Bounded: it is user input.
 */
final class ReferenceList {
    /** A list of references, not a data set: 16 MiB is some 200,000 magnet links. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final InputStream stdin;

    @Inject
    ReferenceList(@Named("stdin") InputStream stdin) {
        this.stdin = stdin;
    }

    /** The lines of {@code file}, or none when no file was named. */
    List<String> read(String file) {
        if (file == null) {
            return List.of();
        }
        String name = "-".equals(file) ? "standard input" : file;
        byte[] bytes;
        try (InputStream in = "-".equals(file) ? stdin : Files.newInputStream(LosslessText.path(file))) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UserError(name + ": no such file");
        } catch (IOException e) {
            throw new UserError(name + ": cannot read: " + Problems.describe(e, "read failed"));
        } catch (IllegalArgumentException e) {
            throw new UserError(name + ": not a valid path");
        }
        if (bytes.length > MAX_BYTES) {
            throw new UserError(name + ": more than " + MAX_BYTES / (1024 * 1024) + " MiB of references");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UserError(name + ": not UTF-8 text");
        }
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}
