package dev.peerscout.domain.port;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name (a tracker's, a DHT bootstrap node's) into addresses. It may block: clients call
 * it on threads of their own ({@link dev.peerscout.domain.net.HostResolver}).
 */
@FunctionalInterface
public interface Resolver {

    /** All addresses of {@code host}, in the order the system prefers them. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver (with the JVM's address cache). */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
