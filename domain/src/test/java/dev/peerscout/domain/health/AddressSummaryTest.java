package dev.peerscout.domain.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AddressSummaryTest {
    private static final TrackerUrl URL = TrackerUrl.of("udp://tracker.example:6969/announce");
    private static final Option<InetAddress> ADDRESS = Option.some(InetAddress.getLoopbackAddress());

    @Test
    void anAnswerWithoutALatencyCountsAsAliveButNotAsZeroMilliseconds() {
        AddressSummary.Tally tally = new AddressSummary.Tally(URL, ADDRESS, Duration.ofSeconds(15));
        tally.add(answered(Option.some(Duration.ofMillis(40))));
        tally.add(answered(Option.none()));
        tally.add(answered(Option.none()));

        AddressSummary summary = tally.summary();

        assertEquals(3, summary.alive());
        assertEquals(Option.some(Duration.ofMillis(40)), summary.median(), "not 0 ms");
        assertEquals(Option.some(Duration.ofMillis(40)), summary.max());
    }

    @Test
    void aLongWatchKeepsPercentilesWithinFivePercentAndTheExactMaximum() {
        AddressSummary.Tally tally = new AddressSummary.Tally(URL, ADDRESS, Duration.ofSeconds(15));
        // A million checks (years of --watch at 60 s) in fixed buckets: 1 ms .. 10,000 ms, each once per 100.
        for (int i = 0; i < 1_000_000; i++) {
            tally.add(answered(Option.some(Duration.ofNanos(1_000_000L + (i % 10_000) * 999_900L))));
        }
        tally.add(answered(Option.some(Duration.ofMillis(14_999).plusNanos(123))));

        AddressSummary summary = tally.summary();

        assertEquals(Option.some(Duration.ofMillis(14_999).plusNanos(123)), summary.max(), "the maximum is exact");
        double median = summary.median().get().toNanos() / 1e6;
        double p95 = summary.p95().get().toNanos() / 1e6;
        // Exact nearest ranks: 500,001st = 1 + 5000 * 0.9999 ms, 950,001st = 1 + 9500 * 0.9999 ms.
        assertTrue(median >= 5_000.5 && median <= 5_000.5 * 1.05, "median " + median);
        assertTrue(p95 >= 9_500.05 && p95 <= 9_500.05 * 1.05, "p95 " + p95);
    }

    private static AddressCheck answered(Option<Duration> announce) {
        return new AddressCheck(
                ADDRESS,
                CheckStatus.OK,
                Option.none(),
                Option.none(),
                Option.none(),
                announce,
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none());
    }
}
