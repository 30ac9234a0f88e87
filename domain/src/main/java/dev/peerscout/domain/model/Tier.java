package dev.peerscout.domain.model;

import java.util.List;

/**
 * One BEP 12 tier: trackers of equal priority. {@code index} is the tier's position in the
 * torrent (0 is tried first); magnet {@code tr} parameters each form their own tier.
 */
public record Tier(int index, List<TrackerUrl> trackers) {

    public Tier {
        if (index < 0) {
            throw new IllegalArgumentException("negative tier index");
        }
        trackers = List.copyOf(trackers);
        if (trackers.isEmpty()) {
            throw new IllegalArgumentException("empty tier");
        }
    }
}
