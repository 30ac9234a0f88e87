package dev.peerscout.adapters.udp.transport;

import dev.peerscout.domain.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connection ids per tracker, reused by every announce and scrape until they are older than the
 * lifetime (BEP 15: a client may use one for a minute) on the injected clock.
 */
final class ConnectionIds {
    /** One id a tracker gave us, when it stops being usable, and how long the connect that got it took. */
    record Grant(long id, Instant expires, Duration connectTook) {}

    private final Map<TrackerKey, Grant> grants = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final Duration lifetime;

    ConnectionIds(Scheduler scheduler, Duration lifetime) {
        this.scheduler = scheduler;
        this.lifetime = lifetime;
    }

    /** The id to use for {@code key}, or null when there is none still fresh. */
    Grant valid(TrackerKey key) {
        Grant grant = grants.get(key);
        if (grant != null && isExpired(grant)) {
            grants.remove(key, grant);
            return null;
        }
        return grant;
    }

    Grant remember(TrackerKey key, long id, Duration connectTook) {
        Grant grant = new Grant(id, scheduler.now().plus(lifetime), connectTook);
        grants.put(key, grant);
        return grant;
    }

    /** Drops {@code grant}, but not a fresher id another exchange has obtained meanwhile. */
    void forget(TrackerKey key, Grant grant) {
        grants.remove(key, grant);
    }

    boolean isExpired(Grant grant) {
        return !scheduler.now().isBefore(grant.expires());
    }
}
