package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.domain.model.AddressFamily;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small Kademlia routing table of nodes that answered us: per address family (BEP 32), buckets
 * by the length of the prefix a node's id shares with ours, at most k nodes each. Full buckets keep
 * the nodes they have (BEP 5 favours long-lived nodes; we never ping to evict). Later lookups of
 * the same client start from it as well as from the bootstrap nodes.
 */
public final class RoutingTable {
    private final NodeId self;
    private final int bucketSize;
    private final Map<AddressFamily, List<List<NodeContact>>> tables = new EnumMap<>(AddressFamily.class);
    private final Set<NodeId> ids = new HashSet<>();
    private final Set<InetSocketAddress> addresses = new HashSet<>();

    public RoutingTable(NodeId self, int bucketSize) {
        if (bucketSize < 1) {
            throw new IllegalArgumentException("bucket size must be at least 1");
        }
        this.self = self;
        this.bucketSize = bucketSize;
        for (AddressFamily family : AddressFamily.values()) {
            List<List<NodeContact>> buckets = new ArrayList<>(NodeId.LENGTH * 8);
            for (int i = 0; i < NodeId.LENGTH * 8; i++) {
                buckets.add(new ArrayList<>(0));
            }
            tables.put(family, buckets);
        }
    }

    /** Adds a node that answered, unless its bucket is full or it is known (by id or address). */
    public synchronized void add(NodeContact node) {
        if (node.id().equals(self) || ids.contains(node.id()) || addresses.contains(node.address())) {
            return;
        }
        List<NodeContact> bucket = tables.get(node.family()).get(self.commonPrefixLength(node.id()));
        if (bucket.size() < bucketSize) {
            bucket.add(node);
            ids.add(node.id());
            addresses.add(node.address());
        }
    }

    /** Up to {@code count} nodes of {@code families}, closest to {@code target} first. */
    public synchronized List<NodeContact> closest(NodeId target, int count, Set<AddressFamily> families) {
        List<NodeContact> all = new ArrayList<>();
        for (AddressFamily family : families) {
            tables.get(family).forEach(all::addAll);
        }
        all.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return List.copyOf(all.subList(0, Math.min(count, all.size())));
    }

    public synchronized int size() {
        return ids.size();
    }
}
