package dev.peerscout.domain.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.discovery.DiscoverPeers;
import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataRequest;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.port.MetadataWire;
import dev.peerscout.domain.probe.ProbeSwarm;
import dev.peerscout.domain.testing.FakePeerWire;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.testing.Fixtures;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FetchMetadataTest {
    private static final String LOCAL_TRACKER = "udp://127.0.0.1:6969/announce";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] INFO = "d6:lengthi1e4:name1:a12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORGED = "d6:lengthi2e4:name1:b12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae"
            .getBytes(StandardCharsets.US_ASCII);

    private final FakeScheduler clock = new FakeScheduler();
    private final FakeTrackerClient trackers = new FakeTrackerClient(clock);
    private final FakeMetadataWire wire = new FakeMetadataWire();
    private final List<String> events = new ArrayList<>();

    /** Answers each peer as told; a peer without an answer never answers (until cancelled). */
    private static final class FakeMetadataWire implements MetadataWire {
        final Map<Peer, MetadataAttempt> answers = new HashMap<>();
        final List<Peer> asked = new ArrayList<>();
        final List<CompletableFuture<MetadataAttempt>> hanging = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<MetadataAttempt> fetch(MetadataRequest request) {
            asked.add(request.peer());
            MetadataAttempt answer = answers.get(request.peer());
            if (answer != null) {
                return CompletableFuture.completedFuture(answer);
            }
            CompletableFuture<MetadataAttempt> never = new CompletableFuture<>();
            hanging.add(never);
            return never;
        }
    }

    private static Peer peer(String ip, int port) {
        try {
            return new Peer(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final InfoHash V1 = InfoHash.of(digest("SHA-1", INFO));
    private static final InfoHashV2 V2 = InfoHashV2.of(digest("SHA-256", INFO));

    private static Torrent magnet(InfoHashes hashes, List<HostPort> hints) {
        return new Torrent(
                Option.none(),
                hashes,
                List.of(new Tier(0, List.of(TrackerUrl.of(LOCAL_TRACKER)))),
                Option.none(),
                false,
                hints,
                List.of(),
                List.of());
    }

    private MetadataResult run(Torrent torrent) {
        DiscoveryOptions options = new DiscoveryOptions(
                TIMEOUT,
                List.of(),
                200,
                6881,
                0,
                EnumSet.allOf(AddressFamily.class),
                false,
                Duration.ofSeconds(2),
                Fixtures.anyPeerId(),
                7,
                false,
                List.of());
        FetchMetadata fetch = new FetchMetadata(
                new ProbeSwarm(new DiscoverPeers(trackers, clock), new FakePeerWire(), clock), wire, clock);
        CompletableFuture<MetadataResult> result = fetch.fetch(
                        torrent,
                        options,
                        MetadataOptions.defaults(MetadataOptions.DEFAULT_MAX_SIZE, false, List.of()),
                        new FetchMetadata.Listener() {
                            @Override
                            public void asked(Peer peer, MetadataAttempt attempt) {
                                events.add(peer + " " + attempt.status());
                            }
                        })
                .result();
        for (int i = 0; i < 400 && !result.isDone(); i++) {
            clock.advance(Duration.ofMillis(100));
        }
        assertTrue(result.isDone(), () -> "ended: " + events);
        return result.join();
    }

    @Test
    void aCopyFailingTheHashIsDiscardedAndTheHonestOneWins() {
        Peer forger = peer("127.0.0.2", 1000);
        Peer honest = peer("127.0.0.3", 1000);
        trackers.answerWithPeers(LOCAL_TRACKER, Duration.ofMillis(10), List.of(forger, honest));
        wire.answers.put(forger, MetadataAttempt.copy(FORGED, Option.of((long) FORGED.length)));
        wire.answers.put(honest, MetadataAttempt.copy(INFO, Option.of((long) INFO.length)));

        MetadataResult result = run(magnet(InfoHashes.v1(V1), List.of()));

        assertArrayEquals(INFO, result.verified().get().info());
        assertEquals(honest, result.verified().get().from());
        assertEquals(MetadataStatus.WRONG_HASH, result.attempts().get(forger).status());
        assertEquals(
                1, wire.asked.stream().filter(forger::equals).count(), "a peer whose copy failed is not asked again");
        assertEquals(2, result.peersFound());
    }

    @Test
    void peersDisagreeingOnTheSizeDoNotStopTheHonestOne() {
        Peer liar = peer("127.0.0.2", 1000);
        Peer huge = peer("127.0.0.4", 1000);
        Peer honest = peer("127.0.0.3", 1000);
        trackers.answerWithPeers(LOCAL_TRACKER, Duration.ofMillis(10), List.of(liar, huge, honest));
        wire.answers.put(
                liar,
                MetadataAttempt.failed(
                        MetadataStatus.BAD_DATA, "data with total_size 5 after advertising 9", true, Option.of(9L)));
        wire.answers.put(
                huge,
                MetadataAttempt.failed(
                        MetadataStatus.BAD_SIZE,
                        "metadata_size 1099511627776 is over the cap",
                        true,
                        Option.of(1L << 40)));
        wire.answers.put(honest, MetadataAttempt.copy(INFO, Option.of((long) INFO.length)));

        MetadataResult result = run(magnet(InfoHashes.v1(V1), List.of()));

        assertEquals(honest, result.verified().get().from());
        assertEquals(3, result.offered());
    }

    @Test
    void aV2LinkIsCheckedWithSha256AndAHybridLinkWithEither() {
        Peer seeder = peer("127.0.0.3", 1000);
        trackers.answerWithPeers(LOCAL_TRACKER, Duration.ofMillis(10), List.of(seeder));
        wire.answers.put(seeder, MetadataAttempt.copy(INFO, Option.of((long) INFO.length)));

        assertTrue(run(magnet(InfoHashes.v2(V2), List.of())).verified().isDefined());
        InfoHashV2 otherV2 = InfoHashV2.of(digest("SHA-256", FORGED));
        assertTrue(
                run(magnet(InfoHashes.hybrid(V1, otherV2), List.of()))
                        .verified()
                        .isDefined(),
                "a v1 hash the link names suffices");
        InfoHash otherV1 = InfoHash.of(digest("SHA-1", FORGED));
        assertTrue(run(magnet(InfoHashes.hybrid(otherV1, V2), List.of()))
                .verified()
                .isDefined());
        MetadataResult wrong = run(magnet(InfoHashes.v2(otherV2), List.of()));
        assertFalse(wrong.verified().isDefined());
        assertEquals(MetadataStatus.WRONG_HASH, wrong.attempts().get(seeder).status());
    }

    @Test
    void theFirstVerifiedCopyEndsTheRunAndAbandonsTheOthers() {
        Peer slow = peer("127.0.0.2", 1000);
        Peer honest = peer("127.0.0.3", 1000);
        trackers.answerWithPeers(LOCAL_TRACKER, Duration.ofMillis(10), List.of(slow, honest));
        wire.answers.put(honest, MetadataAttempt.copy(INFO, Option.of((long) INFO.length)));

        java.time.Instant start = clock.now();
        MetadataResult result = run(magnet(InfoHashes.v1(V1), List.of()));

        assertEquals(honest, result.verified().get().from());
        assertTrue(wire.hanging.get(0).isCancelled(), "the slow peer's connection is let go");
        assertTrue(clock.now().isBefore(start.plusSeconds(1)), "no waiting for the deadline");
        assertEquals(MetadataStatus.TIMEOUT, result.attempts().get(slow).status());
    }

    @Test
    void nothingVerifiedByTheDeadlineSaysWhatEachPeerDid() {
        Peer refusing = peer("127.0.0.2", 1000);
        Peer x = peer("127.0.0.5", 2000);
        trackers.answerWithPeers(LOCAL_TRACKER, Duration.ofMillis(10), List.of(refusing));
        wire.answers.put(
                refusing,
                MetadataAttempt.failed(MetadataStatus.REJECTED, "rejected 4 requests", true, Option.of(100L)));

        MetadataResult result = run(magnet(InfoHashes.v1(V1), List.of(new HostPort("127.0.0.5", 2000))));

        assertTrue(result.verified().isEmpty());
        assertEquals(MetadataStatus.REJECTED, result.attempts().get(refusing).status());
        assertEquals(MetadataStatus.TIMEOUT, result.attempts().get(x).status(), "the x.pe peer never answered");
        assertEquals(2, result.peersFound());
        assertEquals(1, result.offered());
    }
}
