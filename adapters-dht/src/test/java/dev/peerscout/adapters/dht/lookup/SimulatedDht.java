package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An in-memory DHT of well-behaved nodes, for lookup tests without sockets: each node has a
 * Kademlia routing table (k per bucket) over the others and answers {@code get_peers} with the k
 * closest nodes it knows, plus the peers stored at it. Addresses are made up (10.x.y.z); nothing
 * is sent anywhere.
 */
final class SimulatedDht implements GetPeersClient {
    static final int K = 8;

    final List<NodeContact> nodes = new ArrayList<>();
    private final Map<InetSocketAddress, List<NodeContact>> tables = new HashMap<>();
    private final Map<InetSocketAddress, NodeId> ids = new HashMap<>();
    private final Map<InetSocketAddress, List<Peer>> stored = new HashMap<>();
    final List<InetSocketAddress> asked = new ArrayList<>();

    SimulatedDht(int size, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            byte[] id = new byte[NodeId.LENGTH];
            random.nextBytes(id);
            nodes.add(new NodeContact(NodeId.of(id), address(i)));
        }
        for (NodeContact node : nodes) {
            List<List<NodeContact>> buckets = new ArrayList<>();
            for (int i = 0; i <= NodeId.LENGTH * 8; i++) {
                buckets.add(new ArrayList<>());
            }
            for (NodeContact other : nodes) {
                List<NodeContact> bucket = buckets.get(node.id().commonPrefixLength(other.id()));
                if (other != node && bucket.size() < K) {
                    bucket.add(other);
                }
            }
            List<NodeContact> table = new ArrayList<>();
            buckets.forEach(table::addAll);
            tables.put(node.address(), table);
            ids.put(node.address(), node.id());
        }
    }

    /** Stores {@code peer} at the k nodes closest to {@code target}, as an announce would. */
    void announce(NodeId target, Peer peer) {
        closest(nodes, target, K)
                .forEach(node -> stored.computeIfAbsent(node.address(), a -> new ArrayList<>())
                        .add(peer));
    }

    static List<NodeContact> closest(List<NodeContact> from, NodeId target, int count) {
        List<NodeContact> sorted = new ArrayList<>(from);
        sorted.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return sorted.subList(0, Math.min(count, sorted.size()));
    }

    @Override
    public synchronized CompletionStage<Option<Answer>> getPeers(InetSocketAddress node, NodeId target) {
        asked.add(node);
        return CompletableFuture.completedFuture(answer(node, target));
    }

    synchronized Option<Answer> answer(InetSocketAddress node, NodeId target) {
        NodeId id = ids.get(node);
        if (id == null) {
            return Option.none();
        }
        return Option.some(new Answer(
                id, closest(tables.get(node), target, K), stored.getOrDefault(node, List.of()), Option.none()));
    }

    static InetSocketAddress address(int i) {
        try {
            return new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}), 6881);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
