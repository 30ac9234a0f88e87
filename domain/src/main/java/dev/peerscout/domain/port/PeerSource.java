package dev.peerscout.domain.port;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A source of peers besides the torrent's trackers, such as the mainline DHT (BEP 5). It looks
 * for the peers of some swarms until the deadline, hands each peer over the moment it is found,
 * and ends with a summary. Never used for private torrents (BEP 27).
 */
public interface PeerSource {

    /** Completes by {@code search.deadline()} (on the injected Scheduler's clock), never exceptionally. */
    CompletableFuture<Summary> findPeers(Search search, Consumer<Peer> found);

    /**
     * What to look for.
     *
     * @param swarms    the 20-byte hashes to look up (v1, truncated v2)
     * @param bootstrap where to start: the torrent's own nodes and the user's, tried before defaults
     */
    record Search(List<InfoHash> swarms, List<HostPort> bootstrap, Set<AddressFamily> families, Instant deadline) {
        public Search {
            swarms = List.copyOf(swarms);
            bootstrap = List.copyOf(bootstrap);
            families = Set.copyOf(families);
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /**
     * How the search went.
     *
     * @param name          what to call this source in reports ({@code dht})
     * @param nodesQueried  nodes we sent a query to
     * @param nodesAnswered nodes that answered
     * @param peers         distinct peers found
     * @param error         why the search could not run at all (no bootstrap node resolved, no socket)
     */
    record Summary(String name, int nodesQueried, int nodesAnswered, int peers, Option<String> error) {
        public Summary {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(error, "error");
        }
    }
}
