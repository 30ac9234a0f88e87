package dev.peerscout.adapters.peerwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.peerwire.protocol.ExtensionHandshake;
import dev.peerscout.adapters.peerwire.protocol.Handshake;
import dev.peerscout.adapters.peerwire.protocol.MetadataMessage;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataRequest;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.time.SystemScheduler;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metadata peers that break the rules on purpose: each fetch ends with a clear status by its
 * deadline, nothing is requested from a peer whose size is out of bounds, and no connection stays open.
 */
class HostileMetadataPeersTest {
    private static final InfoHash SWARM = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    private static final byte[] THEIR_ID = "-LT2080-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
    /** The id the scripted peer gives ut_metadata: we must use it, not ours. */
    private static final int THEIR_UT_METADATA = 3;
    /** BEP 10: a message goes out under the id its receiver chose, so the peer answers us under ours. */
    private static final int OURS = ExtensionHandshake.UT_METADATA;

    private static final byte[] INFO = new byte[40_000]; // three pieces, the last 7,232 bytes
    private static ScriptedPeer peer;
    private static PeerWireThread thread;
    private static PeerWireMetadata wire;
    private static final SystemScheduler scheduler = new SystemScheduler();
    private final List<MetadataMessage> heard = new CopyOnWriteArrayList<>();
    private final List<String> ourHandshakes = new CopyOnWriteArrayList<>();

    static {
        new SplittableRandom(9).nextBytes(INFO);
    }

    /** What the scripted peer answers to one of our requests. */
    interface Answer {
        void to(int piece, DataOutputStream out) throws IOException;
    }

    @BeforeAll
    static void start() throws IOException {
        peer = new ScriptedPeer();
        thread = new PeerWireThread(scheduler, PeerWireConfig.defaults("test"));
        wire = new PeerWireMetadata(thread);
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

    private static MetadataAttempt fetch(Duration deadline) {
        MetadataRequest request = new MetadataRequest(
                new Peer(InetAddress.getLoopbackAddress(), peer.port()),
                InfoHashes.v1(SWARM),
                PeerId.random(PeerId.DEFAULT_PREFIX, new SplittableRandom(1)),
                Duration.ofSeconds(5),
                32L << 20,
                scheduler.now().plus(deadline));
        return wire.fetch(request).join();
    }

    private static void send(DataOutputStream out, int extendedId, byte[] payload) throws IOException {
        out.writeInt(2 + payload.length);
        out.write(20);
        out.write(extendedId);
        out.write(payload);
        out.flush();
    }

    /** Plays a peer whose extension handshake is {@code theirs}, then answers each request with {@code answer}. */
    private void play(String theirs, Answer answer) {
        peer.play(socket -> {
            socket.setSoTimeout(10_000);
            ScriptedPeer.readHandshake(socket);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write(new Handshake(Handshake.EXTENSIONS | Handshake.FAST, SWARM.toBytes(), THEIR_ID).encode());
            send(out, 0, theirs.getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[] {0, 0, 0, 1, 0x0E}); // have_all
            out.flush();
            byte[] message;
            while ((message = ScriptedPeer.readMessage(socket.getInputStream())) != null) {
                if (message.length < 2 || message[0] != 20) {
                    continue;
                }
                byte[] payload = Arrays.copyOfRange(message, 2, message.length);
                if (message[1] == 0) {
                    ourHandshakes.add(new String(payload, StandardCharsets.ISO_8859_1));
                    continue;
                }
                MetadataMessage m = MetadataMessage.decode(payload).get();
                heard.add(m);
                if (m instanceof MetadataMessage.Request r && answer != null) {
                    answer.to(r.piece(), out);
                }
            }
        });
    }

    private static String offering(long size) {
        return "d1:md11:ut_metadatai" + THEIR_UT_METADATA + "ee13:metadata_sizei" + size + "ee";
    }

    private static void data(DataOutputStream out, int piece, long totalSize, byte[] bytes) throws IOException {
        send(out, OURS, new MetadataMessage.Data(piece, totalSize, bytes).encode());
    }

    private static byte[] piece(int piece) {
        int from = piece * MetadataMessage.PIECE_SIZE;
        return Arrays.copyOfRange(INFO, from, Math.min(INFO.length, from + MetadataMessage.PIECE_SIZE));
    }

    @Test
    void anHonestPeerGivesTheWholeCopyAndGetsARejectForItsOwnRequest() throws Exception {
        play(offering(INFO.length), (piece, out) -> {
            if (piece == 0) {
                send(out, OURS, new MetadataMessage.Request(0).encode()); // asks us back: we serve nothing
            }
            data(out, piece, INFO.length, piece(piece));
        });

        MetadataAttempt attempt = fetch(Duration.ofSeconds(10));

        assertEquals(MetadataStatus.COPY, attempt.status(), attempt.why());
        assertArrayEquals(INFO, attempt.copy().get());
        assertTrue(attempt.offered());
        peer.ended.get(5, TimeUnit.SECONDS);
        assertTrue(heard.contains(new MetadataMessage.Reject(0)), "a request to us is rejected: " + heard);
        assertTrue(ourHandshakes.get(0).contains("11:ut_metadata"), ourHandshakes.toString());
        assertFalse(ourHandshakes.get(0).contains("metadata_size"), "we never advertise a size: " + ourHandshakes);
    }

    @Test
    void aSizeOfTwoToTheFortyIsRefusedBeforeAnyRequest() throws Exception {
        play(offering(1L << 40), (piece, out) -> {});

        MetadataAttempt attempt = fetch(Duration.ofSeconds(10));

        assertEquals(MetadataStatus.BAD_SIZE, attempt.status());
        assertTrue(attempt.why().contains("1099511627776"), attempt.why());
        peer.ended.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), heard, "nothing was asked");
    }

    @Test
    void aSizeOfZeroOrLessIsRefused() throws Exception {
        play(offering(0), (piece, out) -> {});
        assertEquals(MetadataStatus.BAD_SIZE, fetch(Duration.ofSeconds(10)).status());
        peer.ended.get(5, TimeUnit.SECONDS);
        play(offering(-5), (piece, out) -> {});
        assertEquals(MetadataStatus.BAD_SIZE, fetch(Duration.ofSeconds(10)).status());
        peer.ended.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), heard);
    }

    @Test
    void dataDisagreeingWithTheAdvertisedSizeDropsThePeer() {
        play(offering(INFO.length), (piece, out) -> data(out, piece, INFO.length + 1, piece(piece)));
        MetadataAttempt attempt = fetch(Duration.ofSeconds(10));
        assertEquals(MetadataStatus.BAD_DATA, attempt.status());
        assertTrue(attempt.why().contains("total_size 40001 after advertising 40000"), attempt.why());
    }

    @Test
    void aPieceOfTheWrongLengthDropsThePeer() {
        play(offering(INFO.length), (piece, out) -> data(out, piece, INFO.length, Arrays.copyOf(piece(piece), 100)));
        MetadataAttempt attempt = fetch(Duration.ofSeconds(10));
        assertEquals(MetadataStatus.BAD_DATA, attempt.status());
        assertTrue(attempt.why().contains("of 100 bytes (expected 16384)"), attempt.why());
    }

    @Test
    void anOversizedPieceDropsThePeer() {
        play(
                offering(INFO.length),
                (piece, out) -> data(out, piece, INFO.length, new byte[MetadataMessage.PIECE_SIZE + 1]));
        assertEquals(MetadataStatus.BAD_DATA, fetch(Duration.ofSeconds(10)).status());
    }

    @Test
    void endlessRejectsDropThePeer() throws Exception {
        play(offering(INFO.length), (piece, out) -> send(out, OURS, new MetadataMessage.Reject(piece).encode()));
        MetadataAttempt attempt = fetch(Duration.ofSeconds(10));
        assertEquals(MetadataStatus.REJECTED, attempt.status());
        assertTrue(attempt.offered());
        peer.ended.get(5, TimeUnit.SECONDS);
        long requests =
                heard.stream().filter(MetadataMessage.Request.class::isInstance).count();
        assertTrue(requests <= 3 + MetadataFetch.MAX_REJECTS, "asked " + requests + " times");
    }

    @Test
    void aTricklingPeerEndsAtTheDeadlineWithWhatItGave() {
        play(offering(INFO.length), (piece, out) -> {
            byte[] message = new MetadataMessage.Data(piece, INFO.length, piece(piece)).encode();
            out.writeInt(2 + message.length);
            out.write(20);
            out.write(OURS);
            for (byte b : message) {
                out.write(b);
                out.flush();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        MetadataAttempt attempt = fetch(Duration.ofMillis(1500));
        assertEquals(MetadataStatus.TIMEOUT, attempt.status());
        assertTrue(attempt.why().startsWith("0 of 3 pieces"), attempt.why());
    }

    @Test
    void aPeerWithoutUtMetadataOrWithoutASizeIsNotAsked() throws Exception {
        play("d1:md6:ut_pexi1eee", null);
        MetadataAttempt none = fetch(Duration.ofSeconds(10));
        assertEquals(MetadataStatus.NOT_OFFERED, none.status());
        assertFalse(none.offered());
        peer.ended.get(5, TimeUnit.SECONDS);
        play("d1:md11:ut_metadatai3eee", null);
        MetadataAttempt sizeless = fetch(Duration.ofSeconds(10));
        assertEquals(MetadataStatus.NOT_OFFERED, sizeless.status());
        assertTrue(sizeless.offered());
        peer.ended.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), heard);
    }

    @Test
    void garbageInAMetadataMessageDropsThePeer() {
        play(
                offering(INFO.length),
                (piece, out) ->
                        send(out, OURS, "d8:msg_typei1e5:piecei0e10:total_sizei".getBytes(StandardCharsets.US_ASCII)));
        MetadataAttempt attempt = fetch(Duration.ofSeconds(10));
        assertEquals(MetadataStatus.BAD_DATA, attempt.status());
    }
}
