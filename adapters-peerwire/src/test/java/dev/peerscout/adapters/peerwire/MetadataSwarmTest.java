package dev.peerscout.adapters.peerwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerscout.adapters.peerwire.protocol.ExtensionHandshake;
import dev.peerscout.adapters.peerwire.protocol.Handshake;
import dev.peerscout.adapters.peerwire.protocol.MetadataMessage;
import dev.peerscout.domain.discovery.DiscoverPeers;
import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.metadata.FetchMetadata;
import dev.peerscout.domain.metadata.MetadataOptions;
import dev.peerscout.domain.metadata.MetadataResult;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.probe.ProbeSwarm;
import dev.peerscout.domain.testing.FakePeerWire;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.testing.Fixtures;
import dev.peerscout.domain.time.SystemScheduler;
import io.vavr.control.Option;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The use case over the real adapter, against in-test peers of one magnet link (its x.pe): when
 * one honest peer exists, its copy wins whatever the others do, and the others' outcomes say why.
 */
class MetadataSwarmTest {
    private static final byte[] INFO = new byte[20_000];
    private static final byte[] FORGED = new byte[20_000];
    private static final byte[] THEIR_ID = "-LT2080-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
    private static InfoHash swarm;
    private static ScriptedPeer honest;
    private static ScriptedPeer liar;
    private static PeerWireThread thread;
    private static PeerWireMetadata wire;
    private static final SystemScheduler scheduler = new SystemScheduler();

    @BeforeAll
    static void start() throws Exception {
        new SplittableRandom(5).nextBytes(INFO);
        new SplittableRandom(6).nextBytes(FORGED);
        swarm = InfoHash.of(MessageDigest.getInstance("SHA-1").digest(INFO));
        honest = new ScriptedPeer();
        liar = new ScriptedPeer();
        thread = new PeerWireThread(scheduler, PeerWireConfig.defaults("test"));
        wire = new PeerWireMetadata(thread);
        honest.play(socket -> serve(socket, INFO.length, INFO));
    }

    @AfterAll
    static void stop() throws IOException {
        thread.close();
        honest.close();
        liar.close();
    }

    /** A peer that advertises {@code size} and answers every request with the matching slice of {@code content}. */
    private static void serve(java.net.Socket socket, long size, byte[] content) throws IOException {
        socket.setSoTimeout(10_000);
        ScriptedPeer.readHandshake(socket);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.write(new Handshake(Handshake.EXTENSIONS, swarm.toBytes(), THEIR_ID).encode());
        extended(
                out, 0, ("d1:md11:ut_metadatai3ee13:metadata_sizei" + size + "ee").getBytes(StandardCharsets.US_ASCII));
        byte[] message;
        while ((message = ScriptedPeer.readMessage(socket.getInputStream())) != null) {
            if (message.length > 2 && message[0] == 20 && message[1] == 3) {
                MetadataMessage request = MetadataMessage.decode(Arrays.copyOfRange(message, 2, message.length))
                        .get();
                int piece = ((MetadataMessage.Request) request).piece();
                int from = piece * MetadataMessage.PIECE_SIZE;
                byte[] bytes =
                        Arrays.copyOfRange(content, from, (int) Math.min(size, from + MetadataMessage.PIECE_SIZE));
                extended(out, ExtensionHandshake.UT_METADATA, new MetadataMessage.Data(piece, size, bytes).encode());
            }
        }
    }

    private static void extended(DataOutputStream out, int id, byte[] payload) throws IOException {
        out.writeInt(2 + payload.length);
        out.write(20);
        out.write(id);
        out.write(payload);
        out.flush();
    }

    private static MetadataResult fetch() throws Exception {
        Torrent link = new Torrent(
                Option.none(),
                InfoHashes.v1(swarm),
                List.of(),
                Option.none(),
                false,
                List.of(new HostPort("127.0.0.1", liar.port()), new HostPort("127.0.0.1", honest.port())),
                List.of(),
                List.of());
        DiscoveryOptions options = new DiscoveryOptions(
                Duration.ofSeconds(10),
                List.of(),
                200,
                6881,
                0,
                EnumSet.allOf(AddressFamily.class),
                false,
                Duration.ofSeconds(1),
                Fixtures.anyPeerId(),
                7,
                false,
                List.of());
        FetchMetadata fetch = new FetchMetadata(
                new ProbeSwarm(
                        new DiscoverPeers(new FakeTrackerClient(scheduler), scheduler), new FakePeerWire(), scheduler),
                wire,
                scheduler);
        return fetch.fetch(
                        link,
                        options,
                        MetadataOptions.defaults(MetadataOptions.DEFAULT_MAX_SIZE, false, List.of()),
                        new FetchMetadata.Listener() {})
                .result()
                .get(20, TimeUnit.SECONDS);
    }

    private static Peer at(ScriptedPeer peer) {
        return new Peer(InetAddress.getLoopbackAddress(), peer.port());
    }

    @Test
    void twoPeersDisagreeingOnTheSizeTheHonestCopyWins() throws Exception {
        liar.play(socket -> serve(socket, 30_000, Arrays.copyOf(FORGED, 30_000)));

        MetadataResult result = fetch();

        assertArrayEquals(INFO, result.verified().get().info());
        assertEquals(at(honest), result.verified().get().from());
    }

    @Test
    void aCopyFailingTheHashIsDiscardedAndTheHonestCopyWins() throws Exception {
        // The honest peer answers only once the liar's copy has been had and its connection closed,
        // so the forged copy is surely checked (and discarded) first.
        liar.play(socket -> serve(socket, FORGED.length, FORGED));
        var liarDone = liar.ended;
        honest.play(socket -> {
            liarDone.get(10, TimeUnit.SECONDS);
            serve(socket, INFO.length, INFO);
        });

        MetadataResult result = fetch();

        assertArrayEquals(INFO, result.verified().get().info());
        assertEquals(MetadataStatus.WRONG_HASH, result.attempts().get(at(liar)).status());
        honest.play(socket -> serve(socket, INFO.length, INFO));
    }
}
