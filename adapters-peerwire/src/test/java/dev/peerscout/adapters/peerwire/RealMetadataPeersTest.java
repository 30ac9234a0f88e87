package dev.peerscout.adapters.peerwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.peerwire.testing.OtherClients;
import dev.peerscout.adapters.peerwire.testing.RealPeers;
import dev.peerscout.domain.metadata.MetadataVerification;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataRequest;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.time.SystemScheduler;
import java.net.InetAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metadata from real peers on 127.0.0.1, each the only peer asked: libtorrent (v1, v2-only and
 * hybrid), aria2 and transmission-cli, started once for the class. Seen when this was written
 * (libtorrent 2.0.8, aria2 1.36, transmission 3.00): all three advertise {@code metadata_size} and
 * answer requests; libtorrent in milliseconds, transmission 2.5 to 3.5 s after the request.
 */
class RealMetadataPeersTest {
    private static RealPeers peers;
    private static OtherClients aria2;
    private static OtherClients transmission;
    private static PeerWireThread thread;
    private static PeerWireMetadata wire;
    private static final SystemScheduler scheduler = new SystemScheduler();

    @BeforeAll
    static void startPeers() throws Exception {
        peers = RealPeers.start();
        RealPeers.TorrentFacts v1 = peers.torrent("v1");
        aria2 = OtherClients.aria2(v1.path(), peers.dataDir());
        transmission = OtherClients.transmission(v1.path(), peers.dataDir(), false);
        thread = new PeerWireThread(scheduler, PeerWireConfig.defaults("test"));
        wire = new PeerWireMetadata(thread);
    }

    @AfterAll
    static void stopPeers() {
        Wires.closeAll(thread, transmission, aria2, peers);
    }

    private static MetadataAttempt fetch(int port, InfoHashes hashes) {
        MetadataRequest request = new MetadataRequest(
                new Peer(InetAddress.getLoopbackAddress(), port),
                hashes,
                PeerId.random(PeerId.DEFAULT_PREFIX, new SplittableRandom()),
                Duration.ofSeconds(5),
                32L << 20,
                scheduler.now().plusSeconds(20));
        return wire.fetch(request).join();
    }

    private static void assertVerified(int port, InfoHashes hashes) {
        MetadataAttempt attempt = fetch(port, hashes);
        assertEquals(MetadataStatus.COPY, attempt.status(), attempt.why());
        assertTrue(attempt.offered());
        assertEquals(
                (long) attempt.copy().get().length, attempt.advertisedSize().get());
        assertTrue(
                MetadataVerification.mismatch(hashes, attempt.copy().get()).isEmpty(),
                "the copy is the torrent's info dictionary");
    }

    @Test
    void libtorrentHandsOverAV1InfoDictionary() {
        assertVerified(peers.port("seeder"), peers.torrent("v1").hashes());
    }

    @Test
    void libtorrentHandsOverAV2OnlyInfoDictionaryCheckedWithSha256() {
        InfoHashes v2 = peers.torrent("v2").hashes();
        assertTrue(v2.v1().isEmpty());
        assertVerified(peers.port("seeder"), v2);
    }

    @Test
    void libtorrentHandsOverAHybridInfoDictionary() {
        InfoHashes hybrid = peers.torrent("hybrid").hashes();
        assertVerified(peers.port("seeder"), hybrid);
        // A link naming only the hybrid's v2 hash reaches the same swarm and checks the copy with SHA-256.
        assertVerified(peers.port("seeder"), InfoHashes.v2(hybrid.v2().get()));
    }

    @Test
    void aria2HandsOverTheInfoDictionary() {
        assertVerified(aria2.port(), peers.torrent("v1").hashes());
    }

    @Test
    void transmissionHandsOverTheInfoDictionary() {
        assertVerified(transmission.port(), peers.torrent("v1").hashes());
    }
}
