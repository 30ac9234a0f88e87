package dev.peerscout.cli;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.TrackerUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to trackers. */
final class NetworkOptions {

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "One deadline for the whole run, retransmissions included (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--tracker", paramLabel = "URL",
            description = "Also ask this tracker (repeatable); each forms its own tier after the torrent's.")
    List<String> trackers = new ArrayList<>();

    @Option(names = "-4", description = "Use IPv4 only.")
    boolean ipv4Only;

    @Option(names = "-6", description = "Use IPv6 only.")
    boolean ipv6Only;

    @Option(names = "--show-secrets", description = "Show tracker passkeys instead of masking them.")
    boolean showSecrets;

    Duration timeout() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new UserError("--timeout must be more than 0 and at most 3600 seconds, got " + timeoutSeconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
    }

    List<TrackerUrl> extraTrackers() {
        List<TrackerUrl> urls = new ArrayList<>();
        for (String url : trackers) {
            if (url.isBlank()) {
                throw new UserError("--tracker needs a URL");
            }
            urls.add(TrackerUrl.of(url));
        }
        return urls;
    }

    Set<AddressFamily> families() {
        if (ipv4Only == ipv6Only) {
            return EnumSet.allOf(AddressFamily.class);
        }
        return EnumSet.of(ipv4Only ? AddressFamily.IPV4 : AddressFamily.IPV6);
    }
}
