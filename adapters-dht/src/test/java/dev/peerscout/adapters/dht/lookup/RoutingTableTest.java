package dev.peerscout.adapters.dht.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.domain.model.AddressFamily;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    private static final NodeId SELF = NodeId.fromHex("0000000000000000000000000000000000000000");
    private final RoutingTable table = new RoutingTable(SELF, 2);

    @Test
    void aFullBucketKeepsTheNodesItHas() {
        // All three share no prefix with our id: the same bucket, which holds two.
        table.add(node("8000000000000000000000000000000000000001", 1));
        table.add(node("8000000000000000000000000000000000000002", 2));
        table.add(node("8000000000000000000000000000000000000003", 3));
        table.add(node("4000000000000000000000000000000000000000", 4));
        assertEquals(3, table.size());
    }

    @Test
    void knownIdsAddressesAndOurOwnIdAreNotAdded() {
        table.add(node("8000000000000000000000000000000000000001", 1));
        table.add(node("8000000000000000000000000000000000000001", 2));
        table.add(node("4000000000000000000000000000000000000001", 1));
        table.add(new NodeContact(SELF, SimulatedDht.address(9)));
        assertEquals(1, table.size());
    }

    @Test
    void givesTheClosestNodesOfTheAllowedFamilies() throws Exception {
        NodeContact near = node("f000000000000000000000000000000000000000", 1);
        NodeContact far = node("1000000000000000000000000000000000000000", 2);
        NodeContact v6 = new NodeContact(
                NodeId.fromHex("f100000000000000000000000000000000000000"),
                new InetSocketAddress(InetAddress.getByName("::1"), 6881));
        List.of(far, near, v6).forEach(table::add);
        NodeId target = NodeId.fromHex("ffffffffffffffffffffffffffffffffffffffff");
        assertEquals(List.of(near, far), table.closest(target, 5, Set.of(AddressFamily.IPV4)));
        assertEquals(List.of(near), table.closest(target, 1, Set.of(AddressFamily.IPV4)));
        assertEquals(List.of(v6, near), table.closest(target, 2, EnumSet.allOf(AddressFamily.class)));
        assertTrue(table.closest(target, 3, Set.of()).isEmpty());
    }

    private static NodeContact node(String hex, int address) {
        return new NodeContact(NodeId.fromHex(hex), SimulatedDht.address(address));
    }
}
