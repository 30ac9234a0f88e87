package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Node ids, contacts and answers for lookup tests, from a fixed seed so that every run sees the same. */
public final class LookupIds {
    private final Random random = new Random(42);

    NodeId randomId() {
        byte[] id = new byte[NodeId.LENGTH];
        random.nextBytes(id);
        return NodeId.of(id);
    }

    /** A random id whose first {@code bits} bits are the target's. */
    NodeId idSharingPrefix(NodeId target, int bits) {
        byte[] id = randomId().toBytes();
        byte[] t = target.toBytes();
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            id[bit / 8] = (byte) ((id[bit / 8] & ~mask) | (t[bit / 8] & mask));
        }
        return NodeId.of(id);
    }

    /** The id at XOR distance {@code distance} (a small number) from the target. */
    public static NodeId atDistance(NodeId target, long distance) {
        byte[] id = target.toBytes();
        for (int i = 0; i < 8; i++) {
            id[NodeId.LENGTH - 1 - i] ^= (byte) (distance >>> (8 * i));
        }
        return NodeId.of(id);
    }

    List<NodeContact> contacts(int count, int firstAddress) {
        List<NodeContact> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            contacts.add(new NodeContact(randomId(), SimulatedDht.address(firstAddress + i)));
        }
        return contacts;
    }

    static Answer answer(NodeId responder, List<NodeContact> nodes) {
        return new Answer(responder, nodes, List.of(), Option.none());
    }
}
