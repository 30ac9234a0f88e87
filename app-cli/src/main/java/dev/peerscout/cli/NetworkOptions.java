package dev.peerscout.cli;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.TrackerUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/** Options shared by the commands that talk to trackers. */
final class NetworkOptions {
    double timeoutSeconds;
    List<String> trackers = new ArrayList<>();
    boolean showSecrets;

    /** Declares --timeout, --tracker and --show-secrets on a command. */
    static void declare(CommandSpec spec) {
        spec.addOption(Specs.typed(
                "--timeout",
                "SECONDS",
                double.class,
                "15",
                "One deadline for the whole run, retransmissions included (default: ${DEFAULT-VALUE})."));
        spec.addOption(Specs.repeatable(
                "--tracker",
                "URL",
                "Also ask this tracker (repeatable); each forms its own tier after the torrent's."));
        spec.addOption(Specs.flag(new String[] {"--show-secrets"}, "Show tracker passkeys instead of masking them."));
    }

    /** What a command that {@link #declare declared} these options was given. */
    static NetworkOptions of(CommandSpec spec) {
        NetworkOptions network = new NetworkOptions();
        network.timeoutSeconds = Specs.value(spec, "--timeout");
        network.trackers = new ArrayList<>(Specs.values(spec, "--tracker"));
        network.showSecrets = Specs.value(spec, "--show-secrets");
        return network;
    }

    /** -4, -6 or both families; both flags at once is a mistake. */
    static Set<AddressFamily> families(boolean ipv4Only, boolean ipv6Only) {
        if (ipv4Only && ipv6Only) {
            throw new UserError("-4 and -6 cannot be used together");
        }
        return ipv4Only
                ? EnumSet.of(AddressFamily.IPV4)
                : ipv6Only ? EnumSet.of(AddressFamily.IPV6) : EnumSet.allOf(AddressFamily.class);
    }

    /** The --dht-bootstrap nodes, checked; none with --no-dht. */
    static List<HostPort> bootstrapNodes(List<String> given) {
        List<HostPort> nodes = new ArrayList<>();
        for (String node : given) {
            nodes.add(HostPorts.parse(node)
                    .getOrElseThrow(problem -> new UserError("--dht-bootstrap " + node + ": " + problem)));
        }
        return nodes;
    }

    Duration timeout() {
        return timeout(timeoutSeconds);
    }

    /** A --timeout in seconds, checked: one deadline for a whole run, at most an hour. */
    static Duration timeout(double seconds) {
        if (!(seconds > 0) || seconds > 3600) {
            throw new UserError("--timeout must be more than 0 and at most 3600 seconds, got " + seconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /**
     * Trackers the user typed are checked up front (a torrent's odd URLs are reported per tracker
     * instead): a typo is bad input, not "nothing found".
     */
    List<TrackerUrl> extraTrackers() {
        List<TrackerUrl> urls = new ArrayList<>();
        for (String url : trackers) {
            String problem = problemWith(url.strip());
            if (problem != null) {
                String shown =
                        url.isBlank() || showSecrets ? url : TrackerUrl.of(url).redacted();
                throw new UserError("--tracker " + shown + ": " + problem);
            }
            urls.add(TrackerUrl.of(url));
        }
        return urls;
    }

    private static String problemWith(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("udp", "http", "https").contains(scheme)) {
            return "expected a udp://, http:// or https:// tracker URL";
        }
        if (uri.getHost() == null) {
            return "no host (or a port out of range)";
        }
        if (uri.getPort() > 0xFFFF) {
            return "port " + uri.getPort() + " is out of range";
        }
        if (scheme.equals("udp") && uri.getPort() < 1) {
            return "a UDP tracker URL needs a port, as in udp://tracker.example:6969";
        }
        return null;
    }
}
