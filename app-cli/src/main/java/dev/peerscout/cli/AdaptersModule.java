package dev.peerscout.cli;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.peerscout.adapters.dht.DhtConfig;
import dev.peerscout.adapters.dht.DhtPeerSource;
import dev.peerscout.adapters.http.HttpTrackerClient;
import dev.peerscout.adapters.http.HttpTrackerConfig;
import dev.peerscout.adapters.peerwire.PeerWireConfig;
import dev.peerscout.adapters.peerwire.PeerWireMetadata;
import dev.peerscout.adapters.peerwire.PeerWireProber;
import dev.peerscout.adapters.peerwire.PeerWireThread;
import dev.peerscout.adapters.torrentfile.MagnetMetainfoWriter;
import dev.peerscout.adapters.torrentfile.TorrentFileReader;
import dev.peerscout.adapters.udp.UdpTrackerClient;
import dev.peerscout.adapters.udp.UdpTrackerConfig;
import dev.peerscout.domain.port.MetadataWire;
import dev.peerscout.domain.port.MetainfoWriter;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.PeerWire;
import dev.peerscout.domain.port.TorrentReader;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import java.time.Duration;
import java.util.random.RandomGenerator;
import javax.inject.Provider;
import javax.inject.Singleton;

/** The real adapters behind the domain's ports; those that own sockets are closed by {@link Resources} at the end. */
@Module
final class AdaptersModule {
    /**
     * BEP 15 waits 15 s before the first retransmission; a command with a 15 s budget cannot. With
     * 2 s the schedule is 0, 2, 6, 14 s, so one lost packet never costs a tracker (a deliberate,
     * documented deviation; the doubling is kept).
     */
    static final Duration UDP_RETRANSMIT_BASE = Duration.ofSeconds(2);

    private AdaptersModule() {}

    @Provides
    @Singleton
    static TorrentReader torrentReader() {
        return new TorrentFileReader();
    }

    @Provides
    @Singleton
    static UdpTrackerClient udpTrackerClient(Scheduler scheduler, RandomGenerator random, Resources resources) {
        return resources.closedAtExit(new UdpTrackerClient(
                scheduler, random, UdpTrackerConfig.defaults().withRetransmitBase(UDP_RETRANSMIT_BASE)));
    }

    @Provides
    @Singleton
    static HttpTrackerClient httpTrackerClient(Scheduler scheduler, Resources resources) {
        return resources.closedAtExit(new HttpTrackerClient(scheduler, HttpTrackerConfig.defaults()));
    }

    @Provides
    @IntoMap
    @StringKey("udp")
    static TrackerClient udp(UdpTrackerClient client) {
        return client;
    }

    @Provides
    @IntoMap
    @StringKey("http")
    static TrackerClient http(HttpTrackerClient client) {
        return client;
    }

    @Provides
    @IntoMap
    @StringKey("https")
    static TrackerClient https(HttpTrackerClient client) {
        return client;
    }

    /** The peer wire's one selector thread, for probes and metadata fetches alike; made on first use. */
    @Provides
    @Singleton
    static PeerWireThread peerWireThread(Scheduler scheduler, Resources resources) {
        String version = AdaptersModule.class.getPackage().getImplementationVersion();
        // Closed before the exit: its selector, left in epoll_wait, would hold the exit ~300 ms.
        return resources.closedAtExit(
                new PeerWireThread(scheduler, PeerWireConfig.defaults(version == null ? "dev" : version)));
    }

    /** The peer wire (BEP 3): its thread starts with the first probe. */
    @Provides
    @Singleton
    static PeerWire peerWire(Provider<PeerWireThread> thread) {
        return OnFirstUse.peerWire(() -> new PeerWireProber(thread.get()));
    }

    /** The metadata side of the peer wire (BEP 9): its thread starts with the first fetch. */
    @Provides
    @Singleton
    static MetadataWire metadataWire(Provider<PeerWireThread> thread) {
        return OnFirstUse.metadataWire(() -> new PeerWireMetadata(thread.get()));
    }

    @Provides
    @Singleton
    static MetainfoWriter metainfoWriter() {
        return new MagnetMetainfoWriter();
    }

    @Provides
    @IntoMap
    @StringKey("udp")
    static TrackerProbe udpProbe(UdpTrackerClient client) {
        return client.probe();
    }

    @Provides
    @IntoMap
    @StringKey("http")
    static TrackerProbe httpProbe(HttpTrackerClient client) {
        return client.probe();
    }

    @Provides
    @IntoMap
    @StringKey("https")
    static TrackerProbe httpsProbe(HttpTrackerClient client) {
        return client.probe();
    }

    /** The mainline DHT (BEP 5), a peer source beside the trackers; read-only, it never announces. */
    @Provides
    @Singleton
    @IntoMap
    @StringKey(DhtPeerSource.NAME)
    static PeerSource dht(Scheduler scheduler, RandomGenerator random, Resources resources) {
        return resources.closedAtExit(new DhtPeerSource(scheduler, random, DhtConfig.defaults()));
    }
}
