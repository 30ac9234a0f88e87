package dev.peerscout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.inject.Inject;

/** Whether a person watches stderr, so progress may redraw a live status line, and how wide it may be. */
class Terminal {
    private static final int DEFAULT_COLUMNS = 80;

    @Inject
    Terminal() {}

    /** Linux: fd 2 is a terminal device. Anywhere else, or when unsure, plain lines. */
    boolean stderrIsInteractive() {
        if ("dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
            return false;
        }
        String device = stderrDevice();
        return device != null && (device.startsWith("/dev/pts/") || device.startsWith("/dev/tty"));
    }

    /**
     * The width of stderr's terminal, kept up to date: {@code $COLUMNS} when the shell exports it,
     * else what {@code stty} says (asked in the background, so start-up does not wait, and again when
     * the window is resized), else 80. Zero while {@code stty} has not answered yet.
     */
    IntSupplier columns() {
        Integer fromEnvironment = positive(System.getenv("COLUMNS"));
        if (fromEnvironment != null) {
            return () -> fromEnvironment;
        }
        String device = stderrDevice();
        if (device == null) {
            return () -> DEFAULT_COLUMNS;
        }
        Width width = new Width(device);
        width.askInBackground();
        Signals.onResize(width::askInBackground);
        return width;
    }

    private static String stderrDevice() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    private static Integer positive(String number) {
        try {
            int value = number == null ? 0 : Integer.parseInt(number.strip());
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The last width {@code stty size} reported for the device. */
    private static final class Width implements IntSupplier {
        private final String device;
        private volatile int columns;

        Width(String device) {
            this.device = device;
        }

        @Override
        public int getAsInt() {
            return columns;
        }

        void askInBackground() {
            Thread thread = new Thread(this::ask, "peerscout-terminal-width");
            thread.setDaemon(true);
            thread.start();
        }

        private void ask() {
            try {
                Process stty = new ProcessBuilder("stty", "size")
                        .redirectInput(Path.of(device).toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                try (InputStream out = stty.getInputStream()) {
                    String[] rowsAndColumns = new String(out.readNBytes(64), StandardCharsets.US_ASCII)
                            .strip()
                            .split(" ");
                    Integer known = stty.waitFor(2, TimeUnit.SECONDS) && rowsAndColumns.length == 2
                            ? positive(rowsAndColumns[1])
                            : null;
                    columns = known != null ? known : columns > 0 ? columns : DEFAULT_COLUMNS;
                } finally {
                    stty.destroy();
                }
            } catch (IOException e) {
                // No stty: the default width.
                columns = columns > 0 ? columns : DEFAULT_COLUMNS;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
