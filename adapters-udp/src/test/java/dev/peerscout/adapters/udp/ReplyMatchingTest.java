package dev.peerscout.adapters.udp;

import static dev.peerscout.adapters.udp.Harness.failure;
import static dev.peerscout.adapters.udp.Harness.ok;
import static dev.peerscout.adapters.udp.Harness.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerscout.adapters.udp.ScriptedTracker.Received;
import dev.peerscout.adapters.udp.protocol.ConnectReply;
import dev.peerscout.adapters.udp.protocol.ScrapeReply;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only our tracker's answer to our request counts; everything else is ignored or rejected. */
class ReplyMatchingTest {
    private static final long WRONG_CONNECTION_ID = 0xBAD0BAD0BAD0L;
    private static final List<Peer> PEERS = List.of(peer("10.0.0.1", 6881), peer("10.0.0.2", 51413));

    private final Harness harness = new Harness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aHealthyTrackerIsAskedOnceForAnIdAndOnceForPeers() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(PEERS));

        AnnounceResponse response = ok(harness.announce(tracker));

        assertEquals(PEERS, response.peers());
        assertEquals(1800, response.interval().toSeconds());
        assertEquals(2, response.leechers().get());
        assertEquals(1, response.seeders().get());
        assertEquals(2, response.attempts());
        assertEquals(ScriptedTracker.CONNECTION_ID, tracker.received().get(1).connectionId());
    }

    @Test
    void aReplyWithAnotherTransactionIdIsIgnored() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) -> request.isConnect()
                ? List.of(
                        new ConnectReply(request.transactionId() + 1, WRONG_CONNECTION_ID).toBytes(),
                        self.correctAnswer(request, PEERS))
                : List.of(self.correctAnswer(request, PEERS)));

        AnnounceResponse response = ok(harness.announce(tracker));

        assertEquals(PEERS, response.peers());
        assertEquals(ScriptedTracker.CONNECTION_ID, tracker.received().get(1).connectionId());
    }

    @Test
    void aReplyWithOurTransactionIdButAnotherActionIsIgnored() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) -> request.isAnnounce()
                ? List.of(
                        new ScrapeReply(request.transactionId(), List.of()).toBytes(),
                        new ConnectReply(request.transactionId(), WRONG_CONNECTION_ID).toBytes(),
                        self.correctAnswer(request, PEERS))
                : List.of(self.correctAnswer(request, PEERS)));

        AnnounceResponse response = ok(harness.announce(tracker));

        assertEquals(PEERS, response.peers());
        assertEquals("[connect, announce]", tracker.kinds());
    }

    @Test
    void aReplyFromAnotherPortIsIgnored() throws Exception {
        DatagramSocket impostor =
                harness.keep(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        ScriptedTracker tracker = harness.tracker((request, self) -> {
            if (request.isConnect()) {
                byte[] forged = new ConnectReply(request.transactionId(), WRONG_CONNECTION_ID).toBytes();
                sendQuietly(impostor, forged, request);
            }
            return List.of(self.correctAnswer(request, PEERS));
        });

        ok(harness.announce(tracker));

        assertEquals(ScriptedTracker.CONNECTION_ID, tracker.received().get(1).connectionId());
    }

    @Test
    void datagramsTooShortToMatchAreIgnored() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) ->
                List.of(new byte[0], new byte[] {0, 0, 0, 0, 1, 2, 3}, self.correctAnswer(request, PEERS)));

        assertEquals(PEERS, ok(harness.announce(tracker)).peers());
    }

    /** What Debian's opentracker sends for a hash it does not track: action and transaction id only. */
    @Test
    void aTruncatedAnnounceReplyIsMalformed() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) -> request.isAnnounce()
                ? List.of(Arrays.copyOf(self.correctAnswer(request, PEERS), 8))
                : List.of(self.correctAnswer(request, PEERS)));

        TrackerFailure failure = failure(harness.announce(tracker));

        assertEquals(new TrackerFailure.Malformed("announce reply of 8 bytes, expected at least 20", 2), failure);
    }

    @Test
    void aTruncatedConnectReplyIsMalformed() throws Exception {
        ScriptedTracker tracker =
                harness.tracker((request, self) -> List.of(Arrays.copyOf(self.correctAnswer(request, PEERS), 12)));

        assertEquals(
                new TrackerFailure.Malformed("connect reply of 12 bytes, expected at least 16", 1),
                failure(harness.announce(tracker)));
    }

    @Test
    void aPeerListThatIsNotAWholeNumberOfEntriesIsMalformed() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) -> request.isAnnounce()
                ? List.of(Arrays.copyOf(self.correctAnswer(request, PEERS), 20 + 12 + 2))
                : List.of(self.correctAnswer(request, PEERS)));

        TrackerFailure failure = failure(harness.announce(tracker));

        assertEquals(TrackerFailure.Kind.MALFORMED, failure.kind());
        assertEquals(
                "malformed answer: peer list of 14 bytes is not a whole number of 6-byte IPV4 entries",
                failure.message());
    }

    @Test
    void aThousandPeersArrive() throws Exception {
        List<Peer> thousand = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            thousand.add(peer("10.1." + (i / 250) + "." + (i % 250 + 1), 1024 + i));
        }
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(thousand));

        AnnounceResponse response = ok(harness.announce(tracker));

        assertEquals(thousand, response.peers());
    }

    /**
     * Replayed and duplicated replies never make us send: the only datagrams are the ones our
     * calls planned. Two later round trips flush anything a duplicate could have triggered.
     */
    @Test
    void aFloodOfRepliesSendsNothingMore() throws Exception {
        ScriptedTracker tracker =
                harness.tracker((request, self) -> Collections.nCopies(50, self.correctAnswer(request, PEERS)));
        AnnounceResponse flooded = ok(harness.announce(tracker));

        ok(harness.announce(tracker));
        ok(harness.announce(tracker));
        tracker.awaitReceived(4);

        assertEquals(2, flooded.attempts());
        assertEquals("[connect, announce, announce, announce]", tracker.kinds());
    }

    private static void sendQuietly(DatagramSocket socket, byte[] datagram, Received to) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to.from()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
