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

    /** Starts a search; {@code found} hears of each distinct peer, never after the summary. */
    Lookup findPeers(Search search, Consumer<Peer> found);

    /**
     * A search under way.
     *
     * @param summary completes by the search's deadline (on the injected Scheduler's clock), never
     *                exceptionally
     * @param stopper ends the search now (enough peers are known); the summary then completes promptly
     *                with what was counted
     */
    record Lookup(CompletableFuture<Summary> summary, Runnable stopper) {
        public Lookup {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(stopper, "stopper");
        }

        /** A search that ended before it began. */
        public static Lookup finished(Summary summary) {
            return new Lookup(CompletableFuture.completedFuture(summary), () -> {});
        }

        public void stop() {
            stopper.run();
        }
    }

    /**
     * What to look for.
     *
     * @param swarms           the 20-byte hashes to look up (v1, truncated v2)
     * @param bootstrap        where to start: the user's nodes, or the torrent's own
     * @param defaultBootstrap also start from the source's well-known nodes (the public DHT routers);
     *                         false when the user named nodes, so a search aimed at a test or private
     *                         DHT never reaches the public one
     */
    record Search(
            List<InfoHash> swarms,
            List<HostPort> bootstrap,
            boolean defaultBootstrap,
            Set<AddressFamily> families,
            Instant deadline) {
        public Search {
            swarms = List.copyOf(swarms);
            bootstrap = List.copyOf(bootstrap);
            families = Set.copyOf(families);
            Objects.requireNonNull(deadline, "deadline");
        }

        /** Starts from {@code bootstrap} alone, or from the defaults when it is empty. */
        public Search(List<InfoHash> swarms, List<HostPort> bootstrap, Set<AddressFamily> families, Instant deadline) {
            this(swarms, bootstrap, bootstrap.isEmpty(), families, deadline);
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
     * @param queriesSent   datagrams sent, retransmissions included
     */
    record Summary(String name, int nodesQueried, int nodesAnswered, int peers, Option<String> error, int queriesSent) {
        public Summary {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(error, "error");
        }

        /** A search that could not run, or gave no summary, for {@code why}: nothing counted. */
        public static Summary failed(String name, String why) {
            return new Summary(name, 0, 0, 0, Option.some(why));
        }

        /** One query per node queried: no retransmissions. */
        public Summary(String name, int nodesQueried, int nodesAnswered, int peers, Option<String> error) {
            this(name, nodesQueried, nodesAnswered, peers, error, nodesQueried);
        }
    }
}
