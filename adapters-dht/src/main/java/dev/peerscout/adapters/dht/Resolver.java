package dev.peerscout.adapters.dht;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a bootstrap node's host name into addresses. It may block: the client calls it on its own threads. */
@FunctionalInterface
public interface Resolver {

    /** All addresses of {@code host}, in the order the system prefers them. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver (with the JVM's address cache). */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
