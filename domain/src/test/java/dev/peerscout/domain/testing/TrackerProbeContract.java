package dev.peerscout.domain.testing;

import static dev.peerscout.domain.testing.Fixtures.announce;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.port.TrackerProbe.Step;
import java.net.InetAddress;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TrackerProbe} must do against a working tracker on 127.0.0.1 (a real
 * opentracker for the adapters, the in-memory fake for itself). Subclasses supply the probe, the
 * tracker's URL (with 127.0.0.1 as its host) and a way to make a hash known to the tracker.
 */
public abstract class TrackerProbeContract {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    protected abstract TrackerProbe probe();

    protected abstract TrackerUrl tracker();

    /** Makes the tracker accept these swarms (opentracker's whitelist). */
    protected abstract void register(InfoHash... hashes) throws Exception;

    /** The deadline for one call, on the probe's clock. */
    protected abstract Instant deadline();

    /** Lets a probe on a fake clock finish what it started; real ones need nothing. */
    protected void settle() {}

    @Test
    void theAddressesAreTheHostsOfTheFamiliesAllowed() throws Exception {
        assertEquals(
                List.of(LOOPBACK),
                await(probe().addresses(tracker(), EnumSet.allOf(AddressFamily.class), deadline()))
                        .get());

        TrackerFailure none = await(probe().addresses(tracker(), EnumSet.of(AddressFamily.IPV6), deadline()))
                .getLeft();

        assertEquals(TrackerFailure.Kind.DNS, none.kind(), "127.0.0.1 has no IPv6 address");
    }

    @Test
    void aTrackedSwarmIsAnnouncedAndScrapedAtTheAddressEachStepTimed() throws Exception {
        InfoHash swarm = anyInfoHash();
        register(swarm);
        AnnounceRequest started = announce(swarm, anyPeerId(), 40_101);

        Step<AnnounceResponse> announced = await(probe().announce(tracker(), LOOPBACK, started, deadline()));
        Step<ScrapeResponse> scraped = await(probe().scrape(tracker(), LOOPBACK, List.of(swarm), deadline()));
        Step<AnnounceResponse> stopped =
                await(probe().announce(tracker(), LOOPBACK, started.withEvent(AnnounceEvent.STOPPED), deadline()));

        assertTrue(announced.outcome().get().interval().toSeconds() > 0, announced.toString());
        assertFalse(announced.took().isNegative());
        assertTrue(scraped.outcome().get().stats().containsKey(swarm), scraped.toString());
        assertTrue(stopped.outcome().isRight(), stopped.toString());
    }

    @Test
    void aUrlOfAnotherSchemeIsUnsupportedAtEveryStep() throws Exception {
        TrackerUrl other = TrackerUrl.of("wss://127.0.0.1:1/announce");

        assertEquals(
                TrackerFailure.Kind.UNSUPPORTED,
                await(probe().addresses(other, EnumSet.allOf(AddressFamily.class), deadline()))
                        .getLeft()
                        .kind());
        assertEquals(
                TrackerFailure.Kind.UNSUPPORTED,
                await(probe().announce(other, LOOPBACK, announce(anyInfoHash(), anyPeerId(), 1), deadline()))
                        .outcome()
                        .getLeft()
                        .kind());
    }

    private <T> T await(CompletableFuture<T> future) throws Exception {
        settle();
        return future.get(10, TimeUnit.SECONDS);
    }
}
