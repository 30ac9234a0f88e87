package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.port.PeerSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The peer sources' searches of one discovery, by name: those still searching, and the summaries of
 * those done. Not thread-safe: the discovery touches it under its lock only.
 */
final class SourceSearches {
    /** Registered before the source is called: it may hand over peers before findPeers returns. */
    private final Map<String, Search> searching = new TreeMap<>();

    private final Map<String, PeerSource.Summary> summaries = new TreeMap<>();

    /** A peer source's search: its lookup once {@code findPeers} has returned it. */
    static final class Search {
        private PeerSource.Lookup lookup;
        /** Discovery ended while {@code findPeers} was still running: stop the lookup it returns. */
        private boolean stopWanted;

        /** {@code findPeers} returned; true if the lookup must be stopped at once. */
        boolean started(PeerSource.Lookup lookup) {
            this.lookup = lookup;
            return stopWanted;
        }
    }

    /**
     * What to look for: nodes the user named are the only start (a test or private DHT); else the
     * torrent's and the defaults.
     */
    static PeerSource.Search what(Torrent torrent, DiscoveryOptions options, Instant deadline) {
        boolean userNodes = !options.bootstrap().isEmpty();
        List<HostPort> bootstrap = userNodes ? options.bootstrap() : torrent.dhtNodes();
        return new PeerSource.Search(torrent.hashes().swarms(), bootstrap, !userNodes, options.families(), deadline);
    }

    /** Calls the source: a broken one is reported like one whose search failed, and the trackers carry on. */
    static PeerSource.Lookup lookUp(String name, PeerSource source, PeerSource.Search search, Consumer<Peer> found) {
        try {
            return source.findPeers(search, found);
        } catch (RuntimeException bug) {
            return PeerSource.Lookup.finished(failed(name, bug));
        }
    }

    /** The lookup's summary; a source's bug, too, ends in one. */
    static CompletableFuture<PeerSource.Summary> summaryOf(String name, PeerSource.Lookup lookup) {
        return lookup.summary().handle((summary, bug) -> bug == null ? summary : failed(name, bug));
    }

    private static PeerSource.Summary failed(String name, Throwable bug) {
        return PeerSource.Summary.failed(name, TrackerFailure.Internal.of(bug).message());
    }

    Search begin(String name) {
        Search search = new Search();
        searching.put(name, search);
        return search;
    }

    boolean noneSearching() {
        return searching.isEmpty();
    }

    /** True if {@code name} was still searching: its summary counts. */
    boolean finished(String name, PeerSource.Summary summary) {
        if (searching.remove(name) == null) {
            return false;
        }
        summaries.put(name, summary);
        return true;
    }

    /** Asks every search to stop: the lookups that exist at once (the returned calls, to make without the lock). */
    List<Runnable> stopAll() {
        List<Runnable> stops = new ArrayList<>();
        for (Search search : searching.values()) {
            if (search.lookup != null) {
                stops.add(search.lookup::stop);
            } else {
                search.stopWanted = true;
            }
        }
        return stops;
    }

    /** Gives up on the searches that have not summarised: each gets a summary without its counts. */
    List<PeerSource.Summary> giveUp(String why) {
        List<PeerSource.Summary> silent = new ArrayList<>();
        for (String name : searching.keySet()) {
            PeerSource.Summary summary = PeerSource.Summary.failed(name, why);
            summaries.put(name, summary);
            silent.add(summary);
        }
        searching.clear();
        return silent;
    }

    List<PeerSource.Summary> summaries() {
        return List.copyOf(summaries.values());
    }
}
