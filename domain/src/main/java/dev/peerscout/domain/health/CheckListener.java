package dev.peerscout.domain.health;

/** Hears each URL's check as soon as it is done. Called from adapter or timer threads, one call at a time. */
@FunctionalInterface
public interface CheckListener {
    void checked(TrackerCheck check);
}
