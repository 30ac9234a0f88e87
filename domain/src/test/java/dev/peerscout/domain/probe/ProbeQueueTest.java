package dev.peerscout.domain.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.probe.ProbeResult;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProbeQueueTest {
    private static final List<PeerOrigin> USER = List.of(new PeerOrigin.Source(AddressPolicy.USER));

    @Test
    void aPeerOfAFamilyThatIsOffIsNotProbed() {
        ProbeQueue probes = queue(Set.of(AddressFamily.IPV6), 10, 10, 10);
        assertEquals(Option.some("not probed: IPv4 is off"), probes.offer(peer("127.0.0.1", 1), USER));
        assertTrue(probes.idle());
    }

    @Test
    void maxProbesCountsTheWaitingAndTheStarted() {
        ProbeQueue probes = queue(EnumSet.allOf(AddressFamily.class), 2, 10, 10);
        assertEquals(Option.none(), probes.offer(peer("127.0.0.1", 1), USER));
        probes.start(probes.next().get());
        assertEquals(Option.none(), probes.offer(peer("127.0.0.1", 2), USER));
        assertEquals(Option.some("not probed: --max-probes 2 reached"), probes.offer(peer("127.0.0.1", 3), USER));
    }

    @Test
    void theAddressPolicyHasTheLastWord() {
        ProbeQueue probes = queue(EnumSet.allOf(AddressFamily.class), 10, 10, 10);
        List<PeerOrigin> pexFromAPublicPeer = List.of(new PeerOrigin.Pex(peer("8.8.8.8", 6881)));
        assertTrue(probes.offer(peer("10.0.0.1", 1), pexFromAPublicPeer).isDefined());
        assertTrue(probes.idle(), "a refused peer does not wait");
    }

    @Test
    void noMoreStartThanTheConcurrencyAllows() {
        ProbeQueue probes = queue(EnumSet.allOf(AddressFamily.class), 10, 2, 10);
        for (int port = 1; port <= 3; port++) {
            probes.offer(peer("127.0.0." + port, port), USER);
        }
        CompletableFuture<ProbeResult> first = probes.start(probes.next().get());
        probes.start(probes.next().get());
        assertEquals(Option.none(), probes.next(), "both slots taken");
        assertTrue(probes.ended(peer("127.0.0.1", 1), first));
        assertEquals(Option.some(peer("127.0.0.3", 3)), probes.next());
    }

    @Test
    void aPeerWhoseAddressIsBusyWaitsItsTurnWithoutHoldingUpTheOthers() {
        ProbeQueue probes = queue(EnumSet.allOf(AddressFamily.class), 10, 10, 1);
        probes.offer(peer("127.0.0.1", 1), USER);
        probes.offer(peer("127.0.0.1", 2), USER);
        probes.offer(peer("127.0.0.2", 3), USER);
        CompletableFuture<ProbeResult> first = probes.start(probes.next().get());
        assertEquals(Option.some(peer("127.0.0.2", 3)), probes.next(), "the second of 127.0.0.1 is passed over");
        assertEquals(Option.none(), probes.next());
        probes.ended(peer("127.0.0.1", 1), first);
        assertEquals(Option.some(peer("127.0.0.1", 2)), probes.next(), "its turn once the address is free");
    }

    @Test
    void probesLeftCountsOnlyTheStarted() {
        ProbeQueue probes = queue(EnumSet.allOf(AddressFamily.class), 1, 10, 10);
        probes.offer(peer("127.0.0.1", 1), USER);
        assertTrue(probes.probesLeft());
        probes.start(probes.next().get());
        assertFalse(probes.probesLeft());
    }

    @Test
    void anAbandonedProbeNoLongerCounts() {
        ProbeQueue probes = queue(EnumSet.allOf(AddressFamily.class), 10, 10, 1);
        probes.offer(peer("127.0.0.1", 1), USER);
        probes.offer(peer("127.0.0.1", 2), USER);
        CompletableFuture<ProbeResult> slot = probes.start(probes.next().get());
        assertFalse(probes.idle());

        assertEquals(List.of(peer("127.0.0.1", 2)), probes.dropWaiting());
        Map<Peer, CompletableFuture<ProbeResult>> abandoned = probes.abandonRunning();
        assertEquals(Map.of(peer("127.0.0.1", 1), slot), abandoned);
        assertTrue(probes.idle());
        assertFalse(probes.ended(peer("127.0.0.1", 1), slot), "its outcome comes too late");
        assertNotSame(abandoned, probes.abandonRunning());
    }

    private static ProbeQueue queue(Set<AddressFamily> families, int maxProbes, int concurrency, int perAddress) {
        ProbeOptions options = new ProbeOptions(
                true,
                maxProbes,
                concurrency,
                perAddress,
                false,
                List.of(),
                ProbeOptions.DEFAULT_CONNECT_TIMEOUT,
                ProbeOptions.DEFAULT_SETTLE_TIME,
                ProbeOptions.DEFAULT_PEX_WAIT);
        return new ProbeQueue(families, new AddressPolicy(false, List.of()), options);
    }

    private static Peer peer(String address, int port) {
        try {
            return new Peer(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
