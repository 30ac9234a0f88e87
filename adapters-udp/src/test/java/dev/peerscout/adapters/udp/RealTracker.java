package dev.peerscout.adapters.udp;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.testing.Opentracker;
import dev.peerscout.domain.time.Scheduler;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A real opentracker on 127.0.0.1 and a UDP client that talks to it (first retransmission after
 * 1 s, so a lost datagram costs little), started once per test class and closed together.
 */
final class RealTracker implements AutoCloseable {
    final Opentracker opentracker;
    final UdpTrackerClient client;

    private RealTracker(Opentracker opentracker, UdpTrackerClient client) {
        this.opentracker = opentracker;
        this.client = client;
    }

    static RealTracker start(Scheduler scheduler, InfoHash... whitelisted) throws Exception {
        Opentracker opentracker = Opentracker.start(whitelisted);
        try {
            return new RealTracker(
                    opentracker,
                    new UdpTrackerClient(
                            scheduler,
                            new SecureRandom(),
                            UdpTrackerConfig.defaults().withRetransmitBase(Duration.ofSeconds(1))));
        } catch (RuntimeException e) {
            opentracker.close();
            throw e;
        }
    }

    TrackerUrl url() {
        return TrackerUrl.of(opentracker.udpUrl());
    }

    /** Closes what {@code tracker} started, if it started at all. */
    static void close(RealTracker tracker) {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Override
    public void close() {
        client.close();
        opentracker.close();
    }
}
