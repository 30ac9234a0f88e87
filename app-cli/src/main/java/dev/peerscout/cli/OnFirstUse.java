package dev.peerscout.cli;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.PeerWire;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.port.TrackerProbe;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.inject.Provider;

/**
 * Adapters created the first time they are used: a torrent (or tracker list) with only UDP trackers never pays for
 * starting the JDK's HTTP client, and {@code --no-dht} never opens the DHT's sockets.
 */
final class OnFirstUse {
    private OnFirstUse() {}

    static TrackerClient trackerClient(Provider<TrackerClient> client) {
        return new TrackerClient() {
            @Override
            public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
                    TrackerUrl tracker, AnnounceRequest request, Instant deadline) {
                return client.get().announce(tracker, request, deadline);
            }

            @Override
            public CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
                    TrackerUrl tracker, List<InfoHash> swarms, Instant deadline) {
                return client.get().scrape(tracker, swarms, deadline);
            }
        };
    }

    /** The peer wire's selector thread starts with the first probe, never for a run without --probe. */
    static PeerWire peerWire(java.util.function.Supplier<PeerWire> create) {
        return new PeerWire() {
            private PeerWire wire;

            @Override
            public synchronized java.util.concurrent.CompletableFuture<dev.peerscout.domain.model.probe.ProbeResult>
                    probe(dev.peerscout.domain.model.probe.ProbeRequest request) {
                if (wire == null) {
                    wire = create.get();
                }
                return wire.probe(request);
            }
        };
    }

    /** The metadata wire's selector thread starts with the first fetch, never for 'info --offline'. */
    static dev.peerscout.domain.port.MetadataWire metadataWire(
            java.util.function.Supplier<dev.peerscout.domain.port.MetadataWire> create) {
        return new dev.peerscout.domain.port.MetadataWire() {
            private dev.peerscout.domain.port.MetadataWire wire;

            @Override
            public synchronized java.util.concurrent.CompletableFuture<
                            dev.peerscout.domain.model.metadata.MetadataAttempt>
                    fetch(dev.peerscout.domain.model.metadata.MetadataRequest request) {
                if (wire == null) {
                    wire = create.get();
                }
                return wire.fetch(request);
            }
        };
    }

    static TrackerProbe trackerProbe(Provider<TrackerProbe> probe) {
        return new TrackerProbe() {
            @Override
            public CompletableFuture<Either<TrackerFailure, List<InetAddress>>> addresses(
                    TrackerUrl tracker, Set<AddressFamily> families, Instant deadline) {
                return probe.get().addresses(tracker, families, deadline);
            }

            @Override
            public CompletableFuture<Step<AnnounceResponse>> announce(
                    TrackerUrl tracker, InetAddress address, AnnounceRequest request, Instant deadline) {
                return probe.get().announce(tracker, address, request, deadline);
            }

            @Override
            public CompletableFuture<Step<ScrapeResponse>> scrape(
                    TrackerUrl tracker, InetAddress address, List<InfoHash> swarms, Instant deadline) {
                return probe.get().scrape(tracker, address, swarms, deadline);
            }
        };
    }

    static PeerSource peerSource(Provider<PeerSource> source) {
        return (PeerSource.Search search, Consumer<Peer> found) -> source.get().findPeers(search, found);
    }
}
