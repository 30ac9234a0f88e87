package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written formats agree with {@code String.format}, which they replace for start-up's sake. */
class FormatsTest {

    @ParameterizedTest
    @ValueSource(
            longs = {
                0,
                1,
                1023,
                1024,
                1536,
                1587,
                1638,
                10_485_759,
                10_485_760,
                734_003_200,
                1L << 40,
                (1L << 50) + 12345,
                Long.MAX_VALUE
            })
    void bytesAsStringFormatWouldWriteThem(long bytes) {
        String expected;
        if (bytes < 1024) {
            expected = bytes + " B";
        } else {
            int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
            expected = String.format(
                    Locale.ROOT,
                    "%.1f %s",
                    bytes / Math.pow(1024, unit),
                    new String[] {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}[unit]);
        }
        assertEquals(expected, Formats.bytes(bytes));
    }

    @ParameterizedTest
    @ValueSource(
            longs = {
                0,
                7,
                999,
                1000,
                12_345,
                999_999,
                1_000_000,
                1_234_567_890,
                -1,
                -1000,
                -1_234_567,
                Long.MAX_VALUE,
                Long.MIN_VALUE + 1
            })
    void countsAreGroupedInThousands(long n) {
        assertEquals(String.format(Locale.ROOT, "%,d", n), Formats.count(n));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 45, 999, 1000, 1049, 1050, 1234, 15_000, 86_399_999})
    void durationsInMillisecondsThenSeconds(long millis) {
        String expected = millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        assertEquals(expected, Formats.duration(Duration.ofMillis(millis)));
    }
}
