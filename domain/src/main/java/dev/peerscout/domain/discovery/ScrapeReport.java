package dev.peerscout.domain.discovery;

import java.time.Duration;
import java.util.List;

/** Every tracker's scrape, in the order the trackers were first named. */
public record ScrapeReport(List<TrackerScrape> trackers, Duration elapsed) {

    public ScrapeReport {
        trackers = List.copyOf(trackers);
    }

    public boolean anyAnswer() {
        return trackers.stream().anyMatch(TrackerScrape::ok);
    }
}
