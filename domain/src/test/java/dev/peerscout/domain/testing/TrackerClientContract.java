package dev.peerscout.domain.testing;

import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static dev.peerscout.domain.testing.Fixtures.announce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.ScrapeResponse;
import dev.peerscout.domain.model.ScrapeStats;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerClient;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TrackerClient} must do against a working tracker that shares one peer table
 * (a real opentracker for the adapters, the in-memory fake for itself). Subclasses supply the
 * client, the tracker's URL and a way to make a hash known to the tracker.
 */
public abstract class TrackerClientContract {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    protected abstract TrackerClient client();

    protected abstract TrackerUrl tracker();

    /** Makes the tracker accept these swarms (opentracker's whitelist). */
    protected abstract void register(InfoHash... hashes) throws Exception;

    /** The deadline for one call, on the client's clock. */
    protected abstract Instant deadline();

    @Test
    void announceJoinsTheSwarmAndReturnsAnInterval() throws Exception {
        InfoHash swarm = anyInfoHash();
        register(swarm);

        AnnounceResponse response = announceOk(announce(swarm, anyPeerId(), 40_001));

        assertTrue(response.interval().toSeconds() > 0, "interval " + response.interval());
        assertTrue(response.attempts() >= 1);
        assertEquals(1, response.leechers().getOrElse(1), "we are the only leecher");
    }

    @Test
    void peersThatAnnouncedEarlierAreReturned() throws Exception {
        InfoHash swarm = anyInfoHash();
        register(swarm);
        announceOk(announce(swarm, anyPeerId(), 40_011));
        announceOk(announce(swarm, anyPeerId(), 40_012));

        AnnounceResponse third = announceOk(announce(swarm, anyPeerId(), 40_013));

        assertTrue(third.peers().contains(new Peer(LOOPBACK, 40_011)), "peers: " + third.peers());
        assertTrue(third.peers().contains(new Peer(LOOPBACK, 40_012)), "peers: " + third.peers());
    }

    @Test
    void stoppedRemovesThePeerFromTheSwarm() throws Exception {
        InfoHash swarm = anyInfoHash();
        register(swarm);
        PeerId leaving = anyPeerId();
        announceOk(announce(swarm, leaving, 40_021));
        announceOk(announce(swarm, leaving, 40_021).withEvent(AnnounceEvent.STOPPED));

        AnnounceResponse later = announceOk(announce(swarm, anyPeerId(), 40_022));

        assertFalse(later.peers().contains(new Peer(LOOPBACK, 40_021)), "peers: " + later.peers());
    }

    @Test
    void stoppedFromAPeerTheTrackerNeverSawIsAnsweredAndAddsNobody() throws Exception {
        // Discovery that ends early says stopped to every tracker that may have our started, so a
        // tracker whose started never arrived gets a stopped out of the blue: it must be harmless.
        InfoHash swarm = anyInfoHash();
        register(swarm);

        announceOk(announce(swarm, anyPeerId(), 40_041).withEvent(AnnounceEvent.STOPPED));
        AnnounceResponse later = announceOk(announce(swarm, anyPeerId(), 40_042));

        assertFalse(later.peers().contains(new Peer(LOOPBACK, 40_041)), "peers: " + later.peers());
        assertEquals(1, later.leechers().getOrElse(1), "only the second announcer is in the swarm");
    }

    @Test
    void scrapeCountsSeedersAndLeechersOfEverySwarmAsked() throws Exception {
        InfoHash busy = anyInfoHash();
        InfoHash quiet = anyInfoHash();
        register(busy, quiet);
        announceOk(seeder(busy, 40_031));
        announceOk(announce(busy, anyPeerId(), 40_032));
        announceOk(announce(busy, anyPeerId(), 40_033));

        ScrapeResponse response = client().scrape(tracker(), List.of(busy, quiet), deadline())
                .get(30, TimeUnit.SECONDS).getOrElseThrow(this::failure);

        assertEquals(new ScrapeStats(1, 0, 2), response.stats().get(busy));
        ScrapeStats none = response.stats().getOrDefault(quiet, new ScrapeStats(0, 0, 0));
        assertEquals(0, none.seeders() + none.leechers(), "a swarm nobody joined is empty");
    }

    private AnnounceRequest seeder(InfoHash swarm, int port) {
        AnnounceRequest leecher = announce(swarm, anyPeerId(), port);
        return new AnnounceRequest(swarm, leecher.peerId(), port, 0, 0, 0, AnnounceEvent.STARTED,
                leecher.numWant(), leecher.key(), leecher.families());
    }

    private AnnounceResponse announceOk(AnnounceRequest request) throws Exception {
        Either<TrackerFailure, AnnounceResponse> outcome =
                client().announce(tracker(), request, deadline()).get(30, TimeUnit.SECONDS);
        return outcome.getOrElseThrow(this::failure);
    }

    private AssertionError failure(TrackerFailure failure) {
        return new AssertionError(failure.kind() + ": " + failure.message());
    }
}
