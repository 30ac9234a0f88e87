package dev.peerscout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;

/** Whether a person watches stderr, so progress may redraw a live status line. */
class Terminal {
    @Inject
    Terminal() {}

    /** Linux: fd 2 is a terminal device. Anywhere else, or when unsure, plain lines. */
    boolean stderrIsInteractive() {
        if ("dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
