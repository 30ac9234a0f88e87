package dev.peerscout.domain.probe;

import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.util.List;

/**
 * Trackers, DHT nodes and peers choose the addresses we connect to; a hostile one must not turn
 * us into a scanner of the user's own network. An address outside the public ranges is probed
 * only when a source that named it is itself outside them (a LAN tracker, a test on 127.0.0.1, a
 * LAN peer telling us of its neighbours), when the user named it (x.pe, --peer), or when the user
 * allowed it (--probe-private).
 */
public final class AddressPolicy {
    public static final String USER = "user";
    public static final String MAGNET = "magnet";
    private static final String DHT = "dht";

    private final boolean probePrivate;
    private final boolean localDht;

    /** @param dhtBootstrap the DHT nodes the user named: the DHT counts as local when all of them are */
    public AddressPolicy(boolean probePrivate, List<HostPort> dhtBootstrap) {
        this.probePrivate = probePrivate;
        this.localDht = !dhtBootstrap.isEmpty() && dhtBootstrap.stream().allMatch(node -> isLocalHost(node.host()));
    }

    /** Why {@code peer} must not be probed, or none when it may be. */
    public Option<String> refusal(Peer peer, List<PeerOrigin> origins) {
        if (probePrivate
                || Addresses.isPublic(peer.address())
                || origins.stream().anyMatch(this::mayNameLocalPeers)) {
            return Option.none();
        }
        return Option.of("a non-public address named only by public sources (allow with --probe-private)");
    }

    private boolean mayNameLocalPeers(PeerOrigin origin) {
        if (origin instanceof PeerOrigin.Pex pex) {
            return !Addresses.isPublic(pex.via().address());
        }
        if (origin instanceof PeerOrigin.Tracker tracker) {
            return isLocalHost(host(tracker.url()));
        }
        if (origin instanceof PeerOrigin.Source source) {
            return source.name().equals(USER)
                    || source.name().equals(MAGNET)
                    || (source.name().equals(DHT) && localDht);
        }
        return false;
    }

    private static boolean isLocalHost(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        Option<InetAddress> address = Addresses.literal(host);
        return address.isDefined() && !Addresses.isPublic(address.get());
    }

    /** The host of a tracker URL: between {@code ://} (and any user info) and the port or path. */
    static String host(TrackerUrl url) {
        String value = url.value();
        int start = value.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int end = start;
        while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        String authority = value.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
