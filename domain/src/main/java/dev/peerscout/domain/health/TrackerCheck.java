package dev.peerscout.domain.health;

import dev.peerscout.domain.model.TrackerUrl;
import java.util.List;

/**
 * One tracker URL, as the user wrote it, checked once at each of its addresses.
 *
 * @param round 1 for a single check; counts up under {@code --watch}
 */
public record TrackerCheck(TrackerUrl url, int round, List<AddressCheck> addresses) {

    public TrackerCheck {
        addresses = List.copyOf(addresses);
    }

    /** At least one address answered (even with an error). */
    public boolean alive() {
        return addresses.stream().anyMatch(AddressCheck::alive);
    }
}
