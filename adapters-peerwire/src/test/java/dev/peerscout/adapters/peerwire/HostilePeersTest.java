package dev.peerscout.adapters.peerwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.peerwire.protocol.Handshake;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.probe.ProbeRequest;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.time.SystemScheduler;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Peers that break the rules on purpose: each probe must end with a clear status inside its
 * timeout, nothing we hold may grow with what the peer claims, and no connection stays open.
 */
class HostilePeersTest {
    private static final InfoHash SWARM = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    private static final InfoHash OTHER = InfoHash.fromHex("fedcba9876543210fedcba9876543210fedcba98");
    private static final byte[] THEIR_ID = "-LT2080-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
    private static final long PIECES = 20;
    private static ScriptedPeer peer;
    private static PeerWireThread thread;
    private static PeerWireProber prober;
    private static final SystemScheduler scheduler = new SystemScheduler();

    @BeforeAll
    static void start() throws IOException {
        peer = new ScriptedPeer();
        thread = new PeerWireThread(scheduler, PeerWireConfig.defaults("test"));
        prober = new PeerWireProber(thread);
    }

    @AfterAll
    static void stop() throws IOException {
        thread.close();
        peer.close();
    }

    @AfterEach
    void noConnectionIsLeftOpen() throws InterruptedException {
        Wires.assertNoConnectionLeftOpen(thread);
    }

    private static ProbeResult probe(Duration connectTimeout, Duration pexWait) {
        return probe(peer.port(), connectTimeout, pexWait);
    }

    private static ProbeResult probe(int port, Duration connectTimeout, Duration pexWait) {
        ProbeRequest request = new ProbeRequest(
                new Peer(InetAddress.getLoopbackAddress(), port),
                InfoHashes.v1(SWARM),
                Option.of(PIECES),
                PeerId.random(PeerId.DEFAULT_PREFIX, new SplittableRandom(1)),
                connectTimeout,
                Duration.ofMillis(500),
                pexWait,
                scheduler.now().plusSeconds(10));
        return prober.probe(request).join();
    }

    private static ProbeResult probe() {
        return probe(Duration.ofSeconds(3), Duration.ZERO);
    }

    private static byte[] handshake(long reserved, InfoHash hash) {
        return new Handshake(reserved, hash.toBytes(), THEIR_ID).encode();
    }

    private static byte[] message(int id, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length)
                .putInt(1 + payload.length)
                .put((byte) id)
                .put(payload)
                .array();
    }

    private static byte[] extended(int extendedId, String bencoded) {
        byte[] dict = bencoded.getBytes(StandardCharsets.ISO_8859_1);
        return message(
                20,
                ByteBuffer.allocate(1 + dict.length)
                        .put((byte) extendedId)
                        .put(dict)
                        .array());
    }

    private static void send(Socket socket, byte[]... parts) throws IOException {
        OutputStream out = socket.getOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        out.flush();
    }

    @Test
    void garbageInsteadOfAHandshakeIsNotBitTorrent() {
        peer.play(socket -> {
            ScriptedPeer.readHandshake(socket);
            send(socket, "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ScriptedPeer.readRest(socket);
        });
        ProbeResult result = probe();
        assertEquals(ProbeStatus.NOT_BITTORRENT, result.status(), result::toString);
        assertTrue(result.error().get().contains("not a BitTorrent handshake"), result::toString);
    }

    @Test
    void aHandshakeForAnotherSwarmIsAWrongHash() {
        peer.play(socket -> {
            ScriptedPeer.readHandshake(socket);
            send(socket, handshake(Handshake.EXTENSIONS | Handshake.FAST, OTHER));
            ScriptedPeer.readRest(socket);
        });
        ProbeResult result = probe();
        assertEquals(ProbeStatus.WRONG_HASH, result.status(), result::toString);
        assertTrue(result.error().get().contains(OTHER.hex()));
    }

    @Test
    void aLengthPrefixOfTwoToTheThirtyOneIsRefusedBeforeAnythingIsAllocated() {
        peer.play(socket -> {
            ScriptedPeer.readHandshake(socket);
            send(socket, handshake(Handshake.FAST, SWARM), new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            ScriptedPeer.readRest(socket);
        });
        ProbeResult result = probe();
        assertEquals(ProbeStatus.NOT_BITTORRENT, result.status(), result::toString);
        assertTrue(result.error().get().contains("2147483647"), result::toString);
    }

    @Test
    void anExtensionHandshakeOfTenMegabytesIsRefused() {
        int size = 10 << 20;
        peer.play(socket -> {
            ScriptedPeer.readHandshake(socket);
            send(
                    socket,
                    handshake(Handshake.EXTENSIONS, SWARM),
                    ByteBuffer.allocate(6)
                            .putInt(size + 2)
                            .put((byte) 20)
                            .put((byte) 0)
                            .array());
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'd');
            for (int sent = 0; sent < size; sent += chunk.length) {
                socket.getOutputStream().write(chunk); // fails once we have closed
            }
        });
        ProbeResult result = probe();
        assertEquals(ProbeStatus.NOT_BITTORRENT, result.status(), result::toString);
        assertTrue(result.error().get().contains("message of " + (size + 2) + " bytes"), result::toString);
    }

    @Test
    void aPexMessageOfTenThousandPeersGivesAtMostTheCap() {
        peer.play(socket -> {
            ScriptedPeer.readHandshake(socket);
            ByteArrayOutputStream added = new ByteArrayOutputStream();
            for (int i = 0; i < 10_000; i++) {
                added.writeBytes(new byte[] {10, 0, (byte) (i >> 8), (byte) i, 0x1A, (byte) 0xE1});
            }
            String pex = "d5:added" + added.size() + ":" + added.toString(StandardCharsets.ISO_8859_1) + "e";
            send(
                    socket,
                    handshake(Handshake.EXTENSIONS | Handshake.FAST, SWARM),
                    message(0x0E, new byte[0]),
                    extended(0, "d1:md6:ut_pexi7eee"),
                    extended(1, pex));
            ScriptedPeer.readRest(socket);
        });
        ProbeResult result = probe(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertEquals(ProbeStatus.OK, result.status(), result::toString);
        assertEquals(PeerWireConfig.defaults("test").maxPexPeers(), result.pex().size());
        assertEquals(6881, result.pex().get(0).peer().port());
    }

    @Test
    void aPeerSendingOneBytePerSecondTimesOut() {
        peer.play(socket -> {
            ScriptedPeer.readHandshake(socket);
            byte[] ours = handshake(0, SWARM);
            for (byte b : ours) {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
                Thread.sleep(1000);
            }
        });
        ProbeResult result = probe(Duration.ofMillis(1500), Duration.ZERO);
        assertEquals(ProbeStatus.TIMEOUT, result.status(), result::toString);
        assertTrue(result.error().get().contains("no handshake"), result::toString);
    }

    @Test
    void aResetInTheMiddleOfAMessageIsClosed() {
        peer.play(socket -> {
            ScriptedPeer.readHandshake(socket);
            send(socket, handshake(0, SWARM), new byte[] {0, 0, 0, 4, 5, 0});
            Thread.sleep(200);
            socket.setSoLinger(true, 0); // a reset, not a FIN
        });
        ProbeResult result = probe();
        assertEquals(ProbeStatus.CLOSED, result.status(), result::toString);
        assertTrue(result.error().get().contains("middle of a message"), result::toString);
    }

    @Test
    void aPeerThatAcceptsAndSaysNothingTimesOut() {
        peer.play(socket -> ScriptedPeer.readRest(socket));
        ProbeResult result = probe(Duration.ofMillis(800), Duration.ZERO);
        assertEquals(ProbeStatus.TIMEOUT, result.status(), result::toString);
        assertTrue(result.rtt().isDefined(), "connected, then waited");
    }

    @Test
    void aPeerThatClosesAfterOurHandshakeMayRequireEncryption() {
        peer.play(socket -> ScriptedPeer.readHandshake(socket));
        ProbeResult result = probe();
        assertEquals(ProbeStatus.CLOSED, result.status(), result::toString);
        assertTrue(result.error().get().contains("encryption"), result::toString);
    }

    @Test
    void nothingListeningIsRefused() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertEquals(
                ProbeStatus.REFUSED,
                probe(port, Duration.ofSeconds(2), Duration.ZERO).status());
    }

    @Test
    void haveAllWithoutTheFastExtensionBreaksTheProtocol() {
        peer.play(socket -> {
            ScriptedPeer.readHandshake(socket);
            send(socket, handshake(0, SWARM), message(0x0E, new byte[0]));
            ScriptedPeer.readRest(socket);
        });
        ProbeResult result = probe();
        assertEquals(ProbeStatus.NOT_BITTORRENT, result.status(), result::toString);
    }

    @Test
    void aBitfieldOfTheWrongLengthBreaksTheProtocol() {
        peer.play(socket -> {
            ScriptedPeer.readHandshake(socket);
            send(socket, handshake(Handshake.FAST, SWARM), message(5, new byte[4])); // 20 pieces: 3 bytes
            ScriptedPeer.readRest(socket);
        });
        assertEquals(ProbeStatus.NOT_BITTORRENT, probe().status());
    }

    /** What we send: our handshake, have_none when fast was agreed, our extension handshake; never interested. */
    @Test
    void weSendOurHandshakeHaveNoneAndExtensionHandshakeAndNothingElse() throws Exception {
        peer.play(socket -> {
            byte[] ours = ScriptedPeer.readHandshake(socket);
            send(
                    socket,
                    handshake(Handshake.EXTENSIONS | Handshake.FAST, SWARM),
                    message(0x0E, new byte[0]),
                    extended(0, "d1:md11:ut_metadatai3ee1:v8:Scripted4:reqqi99e6:yourip4:\u007f\u0000\u0000\u0001e"));
            byte[] rest = ScriptedPeer.readRest(socket);
            throw new Captured(ours, rest);
        });
        ProbeResult result = probe();
        assertEquals(ProbeStatus.OK, result.status(), result::toString);
        assertEquals(Option.of("Scripted"), result.details().get().client());
        assertEquals(Option.of(99), result.details().get().reqq());
        Captured captured = (Captured) peer.ended.get(5, TimeUnit.SECONDS);
        ByteBuffer ours = ByteBuffer.wrap(captured.handshake);
        assertEquals(0x13, ours.get(0));
        assertEquals(PeerProbe.OUR_RESERVED, ours.getLong(20));
        assertArrayEquals(SWARM.toBytes(), Arrays.copyOfRange(captured.handshake, 28, 48));
        ByteBuffer rest = ByteBuffer.wrap(captured.rest);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x0F}, Arrays.copyOfRange(captured.rest, 0, 5), "have_none first");
        rest.position(5);
        int length = rest.getInt();
        assertEquals(20, rest.get());
        assertEquals(0, rest.get());
        String dict = new String(captured.rest, 11, length - 2, StandardCharsets.ISO_8859_1);
        assertEquals("d1:md11:ut_metadatai2e6:ut_pexi1ee4:reqqi250e1:v14:peerscout teste", dict);
        assertEquals(11 + length - 2, captured.rest.length, "nothing after the extension handshake");
    }

    private static final class Captured extends Exception {
        final byte[] handshake;
        final byte[] rest;

        Captured(byte[] handshake, byte[] rest) {
            super(null, null, false, false);
            this.handshake = handshake;
            this.rest = rest;
        }
    }
}
