package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.testing.FakeScheduler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live status line on a fake clock: it ticks while nothing happens, fits the width, and is cleared. */
class StatusLineTest {
    private static final String CLEAR = "\r\033[K";

    private final FakeScheduler clock = new FakeScheduler();
    private final Instant begin = clock.now();
    private final StringWriter written = new StringWriter();
    private final PrintWriter err = new PrintWriter(written, true);

    @Test
    void theStatusIsRedrawnEverySecondWhileATrackerIsWaitedFor() {
        StatusLine status = live(
                80, () -> "waiting for 1 of 1 tracker, " + ProgressLine.elapsed(Duration.between(begin, clock.now())));

        status.start();
        clock.advance(Duration.ofSeconds(3));

        assertEquals(
                List.of(
                        "waiting for 1 of 1 tracker, 0 s",
                        "waiting for 1 of 1 tracker, 1 s",
                        "waiting for 1 of 1 tracker, 2 s",
                        "waiting for 1 of 1 tracker, 3 s"),
                drawn());
    }

    @Test
    void theStatusNeverReachesTheLastColumnSoItCannotWrap() {
        StatusLine status = live(22, () -> "12 peers, waiting for 3 of 17 trackers and the DHT, 12 s");

        status.start();
        status.line("tracker udp://a.example:1 (tier 0): ok, 12 peers");
        clock.advance(Duration.ofSeconds(2));

        assertTrue(drawn().size() >= 3, written.toString());
        assertTrue(drawn().stream().allMatch(text -> text.length() <= 21), "each fits in 21 columns: " + drawn());
        assertTrue(
                written.toString().contains(CLEAR + "tracker udp://a.example:1 (tier 0): ok, 12 peers\n"),
                "a progress line is written in full, on a cleared line: " + written);
    }

    @Test
    void nothingIsDrawnUntilTheWidthIsKnown() {
        java.util.concurrent.atomic.AtomicInteger columns = new java.util.concurrent.atomic.AtomicInteger();
        StatusLine status = new StatusLine(err, true, false, columns::get, clock, () -> "waiting for 1 of 1 tracker");

        status.start();
        assertEquals("", written.toString());
        columns.set(12);
        clock.advance(Duration.ofSeconds(1));

        assertEquals(List.of("waiting for"), drawn());
    }

    @Test
    void closingClearsTheStatusAndStopsTheTicks() {
        StatusLine status = live(80, () -> "waiting");
        status.start();

        status.close();
        int length = written.toString().length();
        clock.advance(Duration.ofSeconds(5));

        assertTrue(written.toString().endsWith("waiting" + CLEAR), written.toString());
        assertEquals(length, written.toString().length(), "nothing is drawn after close");
        assertEquals(0, clock.pendingTasks());
        status.close();
        assertEquals(length, written.toString().length(), "a second close writes nothing");
    }

    @Test
    void theSummaryReplacesTheStatus() {
        StatusLine status = live(80, () -> "waiting");
        status.start();

        status.summary("found 2 peers");

        assertTrue(written.toString().endsWith("waiting" + CLEAR + "found 2 peers\n"), written.toString());
    }

    @Test
    void withoutATerminalOnlyLinesAreWrittenAndQuietLeavesThemOut() {
        StatusLine plain = new StatusLine(err, false, false, () -> 80, clock, () -> "waiting").start();
        plain.line("tracker one");
        clock.advance(Duration.ofSeconds(2));
        plain.summary("done");
        assertEquals("tracker one\ndone\n", written.toString());
        assertEquals(0, clock.pendingTasks());

        written.getBuffer().setLength(0);
        StatusLine quiet = new StatusLine(err, false, true, () -> 80, clock, () -> "waiting").start();
        quiet.line("tracker one");
        quiet.summary("done");
        assertEquals("done\n", written.toString());
        assertFalse(written.toString().contains("\033"));
    }

    private StatusLine live(int columns, java.util.function.Supplier<String> text) {
        return new StatusLine(err, true, false, () -> columns, clock, text);
    }

    /** Each status drawn: what follows a clear up to the next control sequence or line end. */
    private List<String> drawn() {
        return Arrays.stream(written.toString().split("\r\033\\[K", -1))
                .skip(1)
                .filter(text -> !text.isEmpty() && !text.endsWith("\n"))
                .toList();
    }
}
