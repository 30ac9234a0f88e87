package dev.peerscout.cli;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import dev.peerscout.domain.discovery.DiscoverPeers;
import dev.peerscout.domain.discovery.ScrapeSwarms;
import dev.peerscout.domain.discovery.TrackersByScheme;
import dev.peerscout.domain.health.CheckTrackers;
import dev.peerscout.domain.health.ProbesByScheme;
import dev.peerscout.domain.metadata.FetchMetadata;
import dev.peerscout.domain.port.MetadataWire;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.PeerWire;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.probe.ProbeSwarm;
import dev.peerscout.domain.time.Scheduler;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * The use cases and the command line. Adapters come from {@link AdaptersModule} and time from
 * {@link SystemModule}; tests replace those two and keep this one.
 */
@Module
abstract class CoreModule {
    private CoreModule() {}

    /** Peer sources besides the trackers (the DHT), by name; none is fine. */
    @Multibinds
    abstract Map<String, PeerSource> peerSources();

    /** Tracker-health probes by scheme (the tracker clients seen per address); none is fine. */
    @Multibinds
    abstract Map<String, TrackerProbe> trackerProbes();

    /** Peer ids, keys and transaction ids must not be guessable. */
    @Provides
    @Singleton
    static RandomGenerator random() {
        return new SecureRandom();
    }

    @Provides
    @Singleton
    static TrackerClient trackers(Map<String, Provider<TrackerClient>> clientsByScheme) {
        Map<String, TrackerClient> clients = new HashMap<>();
        clientsByScheme.forEach((scheme, client) -> clients.put(scheme, OnFirstUse.trackerClient(client)));
        return new TrackersByScheme(clients);
    }

    @Provides
    static DiscoverPeers discoverPeers(
            TrackerClient trackers, Map<String, Provider<PeerSource>> sourcesByName, Scheduler scheduler) {
        Map<String, PeerSource> sources = new HashMap<>();
        sourcesByName.forEach((name, source) -> sources.put(name, OnFirstUse.peerSource(source)));
        return new DiscoverPeers(trackers, sources, scheduler);
    }

    @Provides
    static ProbeSwarm probeSwarm(DiscoverPeers discoverPeers, PeerWire wire, Scheduler scheduler) {
        return new ProbeSwarm(discoverPeers, wire, scheduler);
    }

    @Provides
    static FetchMetadata fetchMetadata(ProbeSwarm swarm, MetadataWire wire, Scheduler scheduler) {
        return new FetchMetadata(swarm, wire, scheduler);
    }

    @Provides
    static ScrapeSwarms scrapeSwarms(TrackerClient trackers, Scheduler scheduler) {
        return new ScrapeSwarms(trackers, scheduler);
    }

    @Provides
    static CheckTrackers checkTrackers(Map<String, Provider<TrackerProbe>> probesByScheme, Scheduler scheduler) {
        Map<String, TrackerProbe> probes = new HashMap<>();
        probesByScheme.forEach((scheme, probe) -> probes.put(scheme, OnFirstUse.trackerProbe(probe)));
        return new CheckTrackers(new ProbesByScheme(probes), scheduler);
    }
}
