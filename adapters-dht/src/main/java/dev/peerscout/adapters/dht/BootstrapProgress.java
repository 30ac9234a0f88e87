package dev.peerscout.adapters.dht;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import io.vavr.control.Either;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a search's bootstrap nodes resolved: how many are still pending, how many gave an address the
 * search may use, and why each of the others did not, so that a search that cannot start says why.
 * Not thread-safe: the search touches it under its lock only.
 */
final class BootstrapProgress {
    private static final int FAILURES_NAMED = 3;

    /** Why each bootstrap node that failed did, by its position in the search, so messages are stable. */
    private final SortedMap<Integer, String> failures = new TreeMap<>();

    private final Set<AddressFamily> families;
    private int pending;
    private int resolved;

    BootstrapProgress(Set<AddressFamily> families) {
        this.families = families;
    }

    /** The search asks {@code nodes} bootstrap nodes. */
    void expect(int nodes) {
        pending = nodes;
    }

    /** The addresses a node resolved to that the search may use: those of the families it allows. */
    List<InetSocketAddress> usable(Either<String, List<InetSocketAddress>> result) {
        return result.getOrElse(List.of()).stream()
                .filter(address -> families.contains(AddressFamily.of(address.getAddress())))
                .toList();
    }

    /** A node resolved to a usable address; true if it was the last one pending. */
    boolean resolved() {
        resolved++;
        return --pending == 0;
    }

    /**
     * The node at {@code position} gave no usable address: the resolver's reason, or that it found
     * addresses of other families only. True if it was the last one pending.
     */
    boolean failed(int position, HostPort node, Either<String, List<InetSocketAddress>> result) {
        failures.put(position, node + " (" + result.fold(why -> why, addresses -> noAddressOf()) + ")");
        return --pending == 0;
    }

    boolean noneResolved() {
        return resolved == 0;
    }

    /** Why the search cannot run once every node is done and none resolved. */
    String whyNoStart() {
        return failures.isEmpty()
                ? "no DHT bootstrap node given and no default routers"
                : "no DHT bootstrap node resolved: " + describeFailures();
    }

    /** Why the search did not run when the deadline came before any node resolved. */
    String whyNoStartByDeadline() {
        return "no DHT bootstrap node resolved before the deadline"
                + (failures.isEmpty() ? "" : ": " + describeFailures());
    }

    private String describeFailures() {
        List<String> all = List.copyOf(failures.values());
        List<String> named = all.subList(0, Math.min(FAILURES_NAMED, all.size()));
        int more = all.size() - named.size();
        return String.join(", ", named) + (more > 0 ? " and " + more + " more" : "");
    }

    private String noAddressOf() {
        if (families.size() > 1) {
            return "no address of an allowed family";
        }
        return families.contains(AddressFamily.IPV4) ? "no IPv4 address" : "no IPv6 address";
    }
}
