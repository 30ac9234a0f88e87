package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.testing.FakeScheduler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the status line says, on a fake clock: the seconds tick with it, the counts follow the events. */
class ProgressLineTest {
    private final FakeScheduler clock = new FakeScheduler();

    @Test
    void peersCountsPeersAndWaitsForTheTrackersAndTheDhtUntilItsGoodbyes() {
        ProgressLine progress = ProgressLine.peers(clock, 2, true);

        assertEquals("0 s: 0 peers, waiting for 2 of 2 trackers and the DHT", progress.text());
        clock.advance(Duration.ofMillis(1_999));
        progress.peerFound();
        progress.trackerDone();
        assertEquals("1 s: 1 peer, waiting for 1 of 2 trackers and the DHT", progress.text());
        progress.sourceDone();
        progress.trackerDone();
        clock.advance(Duration.ofSeconds(1));
        assertEquals("2 s: 1 peer, waiting for 0 of 2 trackers", progress.text());
        progress.sayingGoodbye();
        assertEquals("2 s: 1 peer, saying goodbye to the trackers", progress.text());
    }

    @Test
    void scrapeWaitsForItsTrackersOnly() {
        ProgressLine progress = ProgressLine.scrape(clock, 1);
        clock.advance(Duration.ofSeconds(12));

        assertEquals("12 s: waiting for 1 of 1 tracker", progress.text());
    }

    @Test
    void onAStatusLineItIsRedrawnEachSecondOfTheFakeClock() {
        StringWriter written = new StringWriter();
        ProgressLine progress = ProgressLine.scrape(clock, 3);
        StatusLine status =
                new StatusLine(new PrintWriter(written, true), true, false, () -> 80, clock, progress::text);

        status.start();
        clock.advance(Duration.ofSeconds(1));
        progress.trackerDone();
        status.changed();
        status.close();

        assertEquals(
                List.of(
                        "0 s: waiting for 3 of 3 trackers",
                        "1 s: waiting for 3 of 3 trackers",
                        "1 s: waiting for 2 of 3 trackers",
                        ""),
                List.of(written.toString().split("\r\033\\[K", -1)).subList(1, 5));
    }

    @Test
    void aTrackerWrittenTwoWaysIsCountedOnce() {
        assertEquals(
                2,
                ProgressLine.distinctTrackers(
                        List.of(
                                TrackerUrl.of("udp://live.example:6969/announce"),
                                TrackerUrl.of("http://other.example/announce")),
                        List.of(TrackerUrl.of("UDP://LIVE.example:6969/announce/"))));
    }
}
