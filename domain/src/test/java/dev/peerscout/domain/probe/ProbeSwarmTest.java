package dev.peerscout.domain.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.discovery.DiscoverPeers;
import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.probe.PeerDetails;
import dev.peerscout.domain.model.probe.PexPeer;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.model.probe.ReservedBits;
import dev.peerscout.domain.testing.FakePeerWire;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.testing.Fixtures;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeSwarmTest {
    private static final String PUBLIC_TRACKER = "udp://tracker.example:6969/announce";
    private static final String LOCAL_TRACKER = "udp://127.0.0.1:6969/announce";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final FakeScheduler clock = new FakeScheduler();
    private final FakeTrackerClient trackers = new FakeTrackerClient(clock);
    private final FakePeerWire wire = new FakePeerWire();
    private final PeerId us = Fixtures.anyPeerId();
    private final List<String> events = new ArrayList<>();
    private final ProbeListener recorder = new ProbeListener() {
        @Override
        public void peerFound(Peer peer, PeerOrigin origin) {
            events.add("found " + peer + " from " + origin.display(true));
        }

        @Override
        public void probed(Peer peer, ProbeResult result) {
            events.add("probed " + peer + " " + result.status().label());
        }
    };

    private static Peer peer(String ip, int port) {
        try {
            return new Peer(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static ProbeResult ok(PexPeer... pex) {
        PeerDetails details = new PeerDetails(
                new byte[20],
                Option.of("Test 1.0"),
                new ReservedBits(ReservedBits.FAST),
                Option.of(100.0),
                true,
                Map.of("ut_pex", 1),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none());
        return new ProbeResult(
                ProbeStatus.OK, Option.none(), Option.of(Duration.ofMillis(3)), Option.of(details), List.of(pex));
    }

    private static Torrent torrent(String tracker, List<HostPort> hints) {
        return torrent(tracker, hints, false);
    }

    private static Torrent torrent(String tracker, List<HostPort> hints, boolean isPrivate) {
        List<Tier> tiers = tracker == null ? List.of() : List.of(new Tier(0, List.of(TrackerUrl.of(tracker))));
        return new Torrent(
                Option.none(),
                InfoHashes.v1(Fixtures.anyInfoHash()),
                tiers,
                Option.none(),
                isPrivate,
                hints,
                List.of(),
                List.of());
    }

    private DiscoveryOptions options(int minPeers) {
        return new DiscoveryOptions(
                TIMEOUT,
                List.of(),
                200,
                6881,
                minPeers,
                EnumSet.allOf(AddressFamily.class),
                false,
                Duration.ofSeconds(2),
                us,
                7,
                false,
                List.of());
    }

    private SwarmReport run(Torrent torrent, int minPeers, ProbeOptions probing) {
        SwarmRun run = new ProbeSwarm(new DiscoverPeers(trackers, clock), wire, clock)
                .start(torrent, options(minPeers), probing, recorder);
        for (int i = 0; i < 20 && !run.report().isDone(); i++) {
            clock.advance(Duration.ofMillis(100));
        }
        assertTrue(run.report().isDone(), () -> "ended: " + events);
        return run.report().join();
    }

    private static ProbeOptions probing(int maxProbes, boolean probePrivate, Peer... userPeers) {
        return ProbeOptions.defaults(true, maxProbes, probePrivate, List.of(userPeers));
    }

    @Test
    void aPublicTrackerCannotMakeUsProbeAPrivateAddress() {
        Peer lan = peer("10.0.0.1", 6881);
        Peer internet = peer("93.184.216.34", 51413);
        trackers.answerWithPeers(PUBLIC_TRACKER, Duration.ofMillis(10), List.of(lan, internet));
        wire.answer(internet, ok());

        SwarmReport report = run(torrent(PUBLIC_TRACKER, List.of()), 0, probing(10, false));

        assertEquals(List.of(internet), wire.probed());
        assertEquals(ProbeStatus.SKIPPED, report.probes().get(lan).status());
        assertTrue(report.probes().get(lan).error().get().contains("--probe-private"));
        assertEquals(1, report.verified());
    }

    @Test
    void probePrivateAllowsIt() {
        Peer lan = peer("10.0.0.1", 6881);
        trackers.answerWithPeers(PUBLIC_TRACKER, Duration.ofMillis(10), List.of(lan));
        run(torrent(PUBLIC_TRACKER, List.of()), 0, probing(10, true));
        assertEquals(List.of(lan), wire.probed());
    }

    @Test
    void aLocalTrackerMayNameLocalPeers() {
        Peer local = peer("127.0.0.1", 7000);
        trackers.answerWithPeers(LOCAL_TRACKER, Duration.ofMillis(10), List.of(local));
        run(torrent(LOCAL_TRACKER, List.of()), 0, probing(10, false));
        assertEquals(List.of(local), wire.probed());
    }

    @Test
    void theUsersPeersAndTheMagnetsAreProbedWithoutAnyTracker() {
        Peer hinted = peer("192.168.1.2", 6881);
        Peer mine = peer("127.0.0.1", 6882);
        wire.answer(hinted, ok()).answer(mine, ok());

        SwarmReport report = run(
                torrent(null, List.of(new HostPort("192.168.1.2", 6881), new HostPort("tracker.example", 1))),
                0,
                probing(10, false, mine));

        assertEquals(List.of(hinted, mine), wire.probed(), "a host name in x.pe is not looked up");
        assertTrue(events.contains("found 192.168.1.2:6881 from magnet"), events::toString);
        assertTrue(events.contains("found 127.0.0.1:6882 from user"), events::toString);
        assertEquals(2, report.verified());
        assertEquals(2, report.discovery().peers().size());
    }

    @Test
    void peersToldByPexAreProbedAndAPublicPeerCannotNameALanPeer() {
        Peer teller = peer("93.184.216.34", 51413);
        Peer told = peer("93.184.216.35", 6881);
        Peer lan = peer("10.1.1.1", 6881);
        trackers.answerWithPeers(PUBLIC_TRACKER, Duration.ofMillis(10), List.of(teller));
        wire.answer(teller, ok(new PexPeer(told, PexPeer.SEED), new PexPeer(lan, 0), new PexPeer(teller, 0)))
                .answer(told, ok());

        SwarmReport report = run(torrent(PUBLIC_TRACKER, List.of()), 0, probing(10, false));

        assertEquals(List.of(teller, told), wire.probed());
        assertTrue(events.contains("found 93.184.216.35:6881 from pex:93.184.216.34:51413"), events::toString);
        assertEquals(ProbeStatus.SKIPPED, report.probes().get(lan).status());
        assertEquals(2, report.verified());
        assertEquals(3, report.discovery().peers().size(), "the teller is not found twice");
    }

    @Test
    void aPrivateTorrentTakesNoPeersFromPex() {
        Peer teller = peer("93.184.216.34", 51413);
        trackers.answerWithPeers(PUBLIC_TRACKER, Duration.ofMillis(10), List.of(teller));
        wire.answer(teller, ok(new PexPeer(peer("93.184.216.35", 6881), 0)));

        SwarmReport report = run(torrent(PUBLIC_TRACKER, List.of(), true), 0, probing(10, false));

        assertEquals(List.of(teller), wire.probed());
        assertTrue(wire.requests().get(0).pexWait().isZero(), "BEP 27: no PEX for a private torrent");
        assertEquals(1, report.discovery().peers().size());
    }

    @Test
    void aLanPeerMayNameItsNeighbours() {
        Peer teller = peer("192.168.0.2", 51413);
        Peer neighbour = peer("192.168.0.3", 6881);
        wire.answer(teller, ok(new PexPeer(neighbour, 0)));
        run(torrent(null, List.of()), 0, probing(10, false, teller));
        assertEquals(List.of(teller, neighbour), wire.probed());
    }

    @Test
    void noMoreThanMaxProbesPexIncluded() {
        Peer teller = peer("93.184.216.34", 51413);
        List<PexPeer> many = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            many.add(new PexPeer(peer("93.184.217." + i, 6881), 0));
        }
        wire.answer(teller, ok(many.toArray(PexPeer[]::new)));

        SwarmReport report = run(torrent(null, List.of()), 0, probing(5, false, teller));

        assertEquals(5, wire.probed().size());
        assertEquals(
                46,
                report.probes().values().stream()
                        .filter(r -> r.status() == ProbeStatus.SKIPPED)
                        .count());
        assertTrue(wire.requests().get(4).pexWait().isZero(), "the last probe we may make does not wait for PEX");
    }

    @Test
    void connectionsToOneAddressAreBounded() {
        List<Peer> ports = new ArrayList<>();
        for (int port = 7000; port < 7015; port++) {
            Peer p = peer("93.184.216.34", port);
            ports.add(p);
            wire.hold(p);
        }
        trackers.answerWithPeers(PUBLIC_TRACKER, Duration.ofMillis(10), ports);
        new ProbeSwarm(new DiscoverPeers(trackers, clock), wire, clock)
                .start(torrent(PUBLIC_TRACKER, List.of()), options(0), probing(100, false), recorder);
        clock.advance(Duration.ofMillis(20));
        assertEquals(ProbeOptions.DEFAULT_PER_ADDRESS, wire.probed().size());
        wire.hold(ports.get(0)).complete(ok());
        clock.advance(Duration.ofMillis(1));
        assertEquals(ProbeOptions.DEFAULT_PER_ADDRESS + 1, wire.probed().size(), "one ended, the next starts");
    }

    @Test
    void minPeersCountsVerifiedPeersAndEndsTheRunEarly() {
        Peer refused = peer("93.184.216.1", 1);
        Peer good = peer("93.184.216.2", 2);
        Peer slow = peer("93.184.216.3", 3);
        wire.answer(good, ok());
        wire.hold(slow);
        trackers.answerWithPeers(PUBLIC_TRACKER, Duration.ofMillis(10), List.of(refused, good, slow));

        SwarmReport report = run(torrent(PUBLIC_TRACKER, List.of()), 1, probing(10, false));

        assertEquals(1, report.verified());
        assertTrue(report.discovery().enoughPeers());
        assertTrue(wire.hold(slow).isCancelled(), "the probe still under way is abandoned");
        assertFalse(report.probes().get(slow).verified());
    }

    @Test
    void withoutProbingPeersAreOnlyFound() {
        trackers.answerWithPeers(PUBLIC_TRACKER, Duration.ofMillis(10), List.of(peer("93.184.216.2", 2)));
        SwarmReport report =
                run(torrent(PUBLIC_TRACKER, List.of(new HostPort("10.0.0.9", 9))), 0, ProbeOptions.none(List.of()));
        assertTrue(wire.probed().isEmpty());
        assertEquals(2, report.discovery().peers().size(), "the magnet's peer joins the tracker's");
        assertTrue(report.probes().isEmpty());
    }
}
