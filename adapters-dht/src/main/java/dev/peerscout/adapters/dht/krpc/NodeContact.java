package dev.peerscout.adapters.dht.krpc;

import dev.peerscout.domain.model.AddressFamily;
import java.net.InetSocketAddress;
import java.util.Objects;

/** A DHT node as another node describes it ("compact node info"): its claimed id and where it listens. */
public record NodeContact(NodeId id, InetSocketAddress address) {

    public NodeContact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved node address " + address);
        }
    }

    public AddressFamily family() {
        return AddressFamily.of(address.getAddress());
    }
}
