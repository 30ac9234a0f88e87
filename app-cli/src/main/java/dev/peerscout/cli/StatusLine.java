package dev.peerscout.cli;

import dev.peerscout.domain.time.Scheduler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Progress on stderr: lines for the record, and under them, when a person watches a terminal, one
 * live status line. The status is redrawn on every change and at least once a second (on the
 * injected {@link Scheduler}, so a slow tracker never makes the command look hung), is cut to the
 * terminal's width (a line that wraps cannot be cleared and leaves fragments), and is cleared for
 * good by {@link #close()}. Calls may come from any thread.
 */
final class StatusLine implements AutoCloseable {
    static final Duration TICK = Duration.ofSeconds(1);
    private static final String CLEAR = "\r\033[K";

    private final PrintWriter err;
    private final boolean live;
    private final boolean quiet;
    private final IntSupplier columns;
    private final Scheduler scheduler;
    private final Supplier<String> status;
    private Scheduler.Cancellable tick;
    private boolean shown;
    private boolean closed;

    /**
     * @param live    draw the status line (stderr is a terminal and the user did not ask for quiet)
     * @param quiet   leave out the progress lines too ({@link #line}); {@link #summary} still prints
     * @param columns the terminal's width, asked at each redraw (it may change); 0 while unknown, when
     *                nothing is drawn (a guess that is too wide would wrap)
     * @param status  the status text, asked at each redraw
     */
    StatusLine(
            PrintWriter err,
            boolean live,
            boolean quiet,
            IntSupplier columns,
            Scheduler scheduler,
            Supplier<String> status) {
        this.err = err;
        this.live = live;
        this.quiet = quiet;
        this.columns = columns;
        this.scheduler = scheduler;
        this.status = status;
    }

    /** Live when a person watches stderr and did not ask for quiet; as wide as that terminal. */
    static StatusLine on(
            Terminal terminal, PrintWriter err, boolean quiet, Scheduler scheduler, Supplier<String> status) {
        boolean live = !quiet && terminal.stderrIsInteractive();
        return new StatusLine(err, live, quiet, live ? terminal.columns() : () -> 80, scheduler, status);
    }

    /** Draws the status and keeps it alive until {@link #close()}. */
    synchronized StatusLine start() {
        if (live && !closed) {
            redraw();
            tick = scheduler.schedule(TICK, this::ticked);
        }
        return this;
    }

    private void ticked() {
        synchronized (this) {
            if (closed) {
                return;
            }
            redraw();
            tick = scheduler.schedule(TICK, this::ticked);
        }
    }

    /** A progress line (a tracker's outcome), above the status; left out when quiet. */
    synchronized void line(String line) {
        if (!quiet) {
            hide();
            err.println(line);
        }
        changed();
    }

    /** Takes the status off the screen while something is written to stdout (the same terminal, often). */
    synchronized void hide() {
        if (shown) {
            err.print(CLEAR);
            err.flush();
            shown = false;
        }
    }

    /** Something the status shows has changed. */
    synchronized void changed() {
        if (live && !closed) {
            redraw();
        } else {
            err.flush();
        }
    }

    /** Clears the status for good and prints the last line, which is never left out. */
    synchronized void summary(String line) {
        close();
        err.println(line);
        err.flush();
    }

    /** Stops the updates and clears the status line; safe to call again, on any exit path. */
    @Override
    public synchronized void close() {
        closed = true;
        if (tick != null) {
            tick.cancel();
        }
        hide();
        err.flush();
    }

    private void redraw() {
        int width = columns.getAsInt();
        if (width <= 0) {
            hide();
            return;
        }
        String text = status.get();
        // The last column is left free: some terminals wrap as soon as it is written.
        if (text.length() > width - 1) {
            text = text.substring(0, Math.max(0, width - 1));
        }
        err.print(CLEAR + text);
        err.flush();
        shown = true;
    }
}
