package dev.peerscout.domain.health;

import java.time.Duration;
import java.util.List;

/** One round: every URL in the order given, each once. */
public record CheckReport(List<TrackerCheck> trackers, Duration elapsed) {

    public CheckReport {
        trackers = List.copyOf(trackers);
    }

    /** Every URL had at least one address that answered. */
    public boolean allAlive() {
        return trackers.stream().allMatch(TrackerCheck::alive);
    }
}
