package dev.peerscout.adapters.peerwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.peerwire.testing.OtherClients;
import dev.peerscout.adapters.peerwire.testing.RealPeers;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.probe.PeerDetails;
import dev.peerscout.domain.model.probe.PexPeer;
import dev.peerscout.domain.model.probe.ProbeRequest;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.time.SystemScheduler;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Probes real peers on 127.0.0.1: libtorrent (python), aria2 and transmission-cli, started once
 * for the class. What was seen on the wire when these were written (libtorrent 2.0.8, aria2 1.36,
 * transmission 3.00): all three agree to the fast extension and send have_all when seeding, and a
 * BEP 10 {@code v}; aria2's {@code m} holds only ut_metadata; libtorrent seeders send a PEX message
 * within about half a second, a libtorrent leecher about 2 s after our extension handshake.
 */
class RealPeersTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static RealPeers peers;
    private static OtherClients aria2;
    private static OtherClients transmission;
    private static OtherClients encryptedTransmission;
    private static PeerWireThread thread;
    private static PeerWireProber prober;
    private static final SystemScheduler scheduler = new SystemScheduler();

    @BeforeAll
    static void startPeers() throws Exception {
        peers = RealPeers.start();
        RealPeers.TorrentFacts v1 = peers.torrent("v1");
        aria2 = OtherClients.aria2(v1.path(), peers.dataDir());
        transmission = OtherClients.transmission(v1.path(), peers.dataDir(), false);
        encryptedTransmission = OtherClients.transmission(v1.path(), peers.dataDir(), true);
        thread = new PeerWireThread(scheduler, PeerWireConfig.defaults("test"));
        prober = new PeerWireProber(thread);
    }

    @AfterAll
    static void stopPeers() {
        Wires.closeAll(thread, encryptedTransmission, transmission, aria2, peers);
    }

    private static ProbeResult probe(int port, RealPeers.TorrentFacts torrent, Duration pexWait) {
        return probe(port, torrent.hashes(), Option.of(torrent.pieces()), pexWait);
    }

    private static ProbeResult probe(int port, InfoHashes hashes, Option<Long> pieces, Duration pexWait) {
        ProbeRequest request = new ProbeRequest(
                new Peer(LOOPBACK, port),
                hashes,
                pieces,
                PeerId.random(PeerId.DEFAULT_PREFIX, new SplittableRandom()),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                pexWait,
                scheduler.now().plusSeconds(10));
        return prober.probe(request).join();
    }

    /** aria2 and transmission check their data after they listen: ask until they say they have it all (bounded). */
    private static ProbeResult probeUntilSeeding(int port, RealPeers.TorrentFacts torrent) throws InterruptedException {
        ProbeResult result = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            result = probe(port, torrent, Duration.ZERO);
            if (result.verified() && result.details().get().seed()) {
                return result;
            }
            Thread.sleep(250);
        }
        return result;
    }

    private static PeerDetails verified(ProbeResult result) {
        assertEquals(ProbeStatus.OK, result.status(), () -> "probe: " + result);
        return result.details().get();
    }

    private static void assertSeed(PeerDetails details) {
        assertEquals(Option.of(100.0), details.percent(), details::toString);
        assertTrue(details.seed(), details::toString);
    }

    @Test
    void aLibtorrentSeederIsVerifiedWithItsClientAndAllOfTheData() {
        PeerDetails details = verified(probe(peers.port("seeder"), peers.torrent("v1"), Duration.ZERO));
        assertTrue(details.client().get().toLowerCase().contains("libtorrent"), details::toString);
        assertSeed(details);
        assertTrue(details.reserved().extensions() && details.reserved().fast(), details::toString);
        assertTrue(
                details.extensions().containsKey("ut_metadata")
                        && details.extensions().containsKey("ut_pex"),
                details::toString);
        assertTrue(details.metadataSize().get() > 0, details::toString);
        assertEquals(Option.of(LOOPBACK), details.yourIp());
        assertEquals(40, details.peerIdHex().length());
    }

    @Test
    void anAria2SeederIsVerified() throws InterruptedException {
        PeerDetails details = verified(probeUntilSeeding(aria2.port(), peers.torrent("v1")));
        assertTrue(details.client().get().startsWith("aria2"), details::toString);
        assertSeed(details);
    }

    @Test
    void aTransmissionSeederIsVerified() throws InterruptedException {
        PeerDetails details = verified(probeUntilSeeding(transmission.port(), peers.torrent("v1")));
        assertTrue(details.client().get().startsWith("Transmission"), details::toString);
        assertSeed(details);
    }

    @Test
    void aLeecherWithHalfTheDataIsBetweenNoneAndAll() {
        PeerDetails details = verified(probe(peers.port("partial"), peers.torrent("v1"), Duration.ZERO));
        double percent = details.percent().get();
        assertTrue(percent > 0 && percent < 100, details::toString);
        assertTrue(!details.seed());
    }

    @Test
    void aV2OnlySwarmIsVerifiedAgainstLibtorrent() {
        assertSeed(verified(probe(peers.port("seeder"), peers.torrent("v2"), Duration.ZERO)));
    }

    @Test
    void aHybridSwarmIsVerifiedAgainstLibtorrent() {
        assertSeed(verified(probe(peers.port("seeder"), peers.torrent("hybrid"), Duration.ZERO)));
    }

    @Test
    void aMagnetLinkKnowsOnlyHaveAll() {
        PeerDetails details =
                verified(probe(peers.port("seeder"), peers.torrent("v1").hashes(), Option.none(), Duration.ZERO));
        assertSeed(details);
    }

    @Test
    void aLeecherConnectedToTwoSeedersNamesThemThroughPex() {
        ProbeResult result = probe(peers.port("pex"), peers.torrent("v1"), Duration.ofMillis(3500));
        verified(result);
        Set<Integer> ports =
                result.pex().stream().map(PexPeer::peer).map(Peer::port).collect(Collectors.toSet());
        assertTrue(
                ports.contains(peers.port("seeder")) && ports.contains(peers.port("seeder2")), () -> "PEX: " + result);
    }

    @Test
    void aPeerThatRequiresEncryptionClosesAndTheReportSaysWhy() {
        ProbeResult result = probe(encryptedTransmission.port(), peers.torrent("v1"), Duration.ZERO);
        assertEquals(ProbeStatus.CLOSED, result.status(), () -> result + ", alive: " + encryptedTransmission.alive());
        assertTrue(result.error().get().contains("encryption"), result::toString);
    }
}
