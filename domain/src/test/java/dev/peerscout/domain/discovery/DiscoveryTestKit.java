package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.testing.Fixtures;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** What the tests of a discovery share: a fake clock and trackers, our identity, a recording listener, torrents. */
abstract class DiscoveryTestKit {
    static final String DEAD = "udp://dead.example:6969/announce";
    static final String LIVE = "udp://live.example:6969/announce";
    static final String SECOND = "http://second.example/announce";
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    final FakeScheduler clock = new FakeScheduler();
    final FakeTrackerClient trackers = new FakeTrackerClient(clock);
    final PeerId us = Fixtures.anyPeerId();
    final List<String> events = new ArrayList<>();
    final DiscoveryListener recorder = new DiscoveryListener() {
        @Override
        public void peerFound(Peer peer, PeerOrigin origin) {
            events.add("peer " + peer + " from " + origin.display(true));
        }

        @Override
        public void trackerFinished(TrackerReport report) {
            events.add("tracker " + report.url().value() + " " + report.status().label());
        }
    };

    List<AnnounceEvent> eventsSentTo(String url) {
        return trackers.calls().stream()
                .filter(c -> c.tracker().value().equals(url))
                .map(c -> c.request().event())
                .toList();
    }

    Discovery discover(Torrent torrent, DiscoveryOptions options) {
        return new DiscoverPeers(trackers, clock).start(torrent, options, recorder);
    }

    DiscoveryOptions options() {
        return options(0);
    }

    DiscoveryOptions options(int minPeers) {
        return new DiscoveryOptions(
                TIMEOUT,
                List.of(),
                200,
                6881,
                minPeers,
                EnumSet.allOf(AddressFamily.class),
                true,
                Duration.ofSeconds(2),
                us,
                77,
                false,
                List.of());
    }

    static DiscoveryOptions withoutStop(DiscoveryOptions o) {
        return new DiscoveryOptions(
                o.timeout(),
                o.extraTrackers(),
                o.numWant(),
                o.port(),
                o.minPeers(),
                o.families(),
                false,
                o.stopGrace(),
                o.peerId(),
                o.key(),
                o.usePeerSources(),
                o.bootstrap());
    }

    static DiscoveryOptions withTrackers(DiscoveryOptions o, String... urls) {
        return new DiscoveryOptions(
                o.timeout(),
                List.of(urls).stream().map(TrackerUrl::of).toList(),
                o.numWant(),
                o.port(),
                o.minPeers(),
                o.families(),
                o.sendStopped(),
                o.stopGrace(),
                o.peerId(),
                o.key(),
                o.usePeerSources(),
                o.bootstrap());
    }

    List<String> calledUrls() {
        return trackers.calls().stream().map(c -> c.tracker().value()).toList();
    }

    static Torrent torrent(boolean isPrivate, Tier... tiers) {
        return new Torrent(
                Option.of("t"),
                InfoHashes.v1(Fixtures.anyInfoHash()),
                List.of(tiers),
                Option.of(new Contents(List.of(new FileEntry(List.of("t"), 123_456, false)), 123_456, 16_384, 8)),
                isPrivate,
                List.of(),
                List.of(),
                List.of());
    }

    static Tier tier(int index, String... urls) {
        return new Tier(index, List.of(urls).stream().map(TrackerUrl::of).toList());
    }

    static TrackerUrl url(String value) {
        return TrackerUrl.of(value);
    }

    static Peer peer(int last, int port) {
        try {
            return new Peer(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last}), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
