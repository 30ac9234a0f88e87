package dev.peerscout.adapters.udp;

import static dev.peerscout.adapters.udp.Harness.ok;
import static dev.peerscout.adapters.udp.Harness.peer;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peerscout.adapters.udp.protocol.ErrorReply;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BEP 7 over the IPv6 loopback (opentracker in Debian speaks IPv4 only, so these use scripted
 * trackers on ::1). Skipped only on a machine without an IPv6 loopback.
 */
class Ipv6Test {
    private static final Peer V4_PEER = peer("10.0.0.4", 4444);
    private static final List<Peer> V6_PEERS = List.of(peer("2001:db8::1", 6881), peer("2001:db8::abcd", 51413));

    private final Harness harness = new Harness(UdpTrackerConfig.defaults().withResolver(this::resolve));
    private int dualStackPort;

    @BeforeAll
    static void needsIpv6Loopback() {
        assumeTrue(Harness.hasIpv6Loopback(), "this machine has no ::1");
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** {@code dual.test} has an A and an AAAA record, both loopback. */
    private List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.equals("dual.test")) {
            return List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        }
        throw new UnknownHostException(host);
    }

    @Test
    void anIpv6TrackerSends18BytePeers() throws Exception {
        ScriptedTracker tracker = harness.ipv6Tracker(ScriptedTracker.healthy(V6_PEERS));

        AnnounceResponse response = ok(harness.announce(tracker.url(), Harness.request()));

        assertEquals("udp://[0:0:0:0:0:0:0:1]:" + tracker.port() + "/announce", tracker.url());
        assertEquals(V6_PEERS, response.peers());
        assertEquals(20 + 2 * 18, tracker.correctAnswer(tracker.received().get(1), V6_PEERS).length);
    }

    @Test
    void theShortIpv6LiteralWorksToo() throws Exception {
        ScriptedTracker tracker = harness.ipv6Tracker(ScriptedTracker.healthy(V6_PEERS));

        assertEquals(
                V6_PEERS,
                ok(harness.announce("udp://[::1]:" + tracker.port(), Harness.request()))
                        .peers());
    }

    @Test
    void aDualStackTrackerIsAskedOverBothFamiliesAndThePeersMerged() throws Exception {
        ScriptedTracker[] both =
                dualStack(ScriptedTracker.healthy(List.of(V4_PEER)), ScriptedTracker.healthy(V6_PEERS));

        AnnounceResponse response = ok(harness.announce(dualUrl(), Harness.request()));

        assertEquals(Set.of(V4_PEER, V6_PEERS.get(0), V6_PEERS.get(1)), Set.copyOf(response.peers()));
        assertEquals(4, response.attempts(), "a connect and an announce per family");
        assertEquals("[connect, announce]", both[0].kinds());
        assertEquals("[connect, announce]", both[1].kinds());
        assertEquals(
                both[0].received().get(1).announce().key(),
                both[1].received().get(1).announce().key(),
                "BEP 7: the same key over both families");
    }

    @Test
    void onlyTheAllowedFamiliesAreUsed() throws Exception {
        dualStack(ScriptedTracker.healthy(List.of(V4_PEER)), ScriptedTracker.healthy(V6_PEERS));

        AnnounceResponse v4 = ok(harness.announce(dualUrl(), only(AddressFamily.IPV4)));
        AnnounceResponse v6 = ok(harness.announce(dualUrl(), only(AddressFamily.IPV6)));

        assertEquals(List.of(V4_PEER), v4.peers());
        assertEquals(2, v4.attempts());
        assertEquals(V6_PEERS, v6.peers());
    }

    @Test
    void oneFamilyAnsweringIsEnough() throws Exception {
        ScriptedTracker v4 = harness.tracker(ScriptedTracker.healthy(List.of(V4_PEER)));
        dualStackPort = v4.port();

        AnnounceResponse response = ok(harness.announce(dualUrl(), Harness.request()));

        assertEquals(List.of(V4_PEER), response.peers());
        assertEquals(3, response.attempts(), "the IPv6 connect met ICMP port unreachable");
    }

    @Test
    void whenEveryFamilyFailsTheMostTellingFailureIsReported() throws Exception {
        ScriptedTracker v4 = harness.tracker(
                (request, self) -> List.of(new ErrorReply(request.transactionId(), "banned").toBytes()));
        dualStackPort = v4.port();

        TrackerFailure failure = Harness.failure(harness.announce(dualUrl(), Harness.request()));

        assertEquals(
                new TrackerFailure.Rejected("banned", 2),
                failure,
                "rejected over IPv4 tells more than unreachable over IPv6; both connects count");
    }

    private ScriptedTracker[] dualStack(ScriptedTracker.Script v4Script, ScriptedTracker.Script v6Script) {
        for (int attempt = 0; attempt < 20; attempt++) {
            ScriptedTracker v4 = harness.tracker(v4Script);
            try {
                ScriptedTracker v6 = harness.keep(
                        ScriptedTracker.on(InetAddress.getByName("::1"), v4.port(), harness.clock, v6Script));
                dualStackPort = v4.port();
                return new ScriptedTracker[] {v4, v6};
            } catch (UncheckedIOException | IOException e) {
                // that port is taken on ::1: try another
                v4.close();
            }
        }
        throw new IllegalStateException("no port free on both 127.0.0.1 and ::1");
    }

    private String dualUrl() {
        return "udp://dual.test:" + dualStackPort + "/announce";
    }

    private static AnnounceRequest only(AddressFamily family) {
        AnnounceRequest any = Fixtures.announce(anyInfoHash(), anyPeerId(), 6881);
        return new AnnounceRequest(
                any.infoHash(),
                any.peerId(),
                any.port(),
                0,
                0,
                any.left(),
                any.event(),
                any.numWant(),
                any.key(),
                EnumSet.of(family));
    }
}
