package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeId;
import io.vavr.control.Option;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/** How a lookup asks a node for the peers of a swarm. */
@FunctionalInterface
public interface GetPeersClient {

    /**
     * Sends {@code get_peers} for {@code target} to {@code node}. Completes with the node's answer,
     * or empty when there is none to use (timeout, error reply, not sent); never exceptionally.
     */
    CompletionStage<Option<Answer>> getPeers(InetSocketAddress node, NodeId target);
}
