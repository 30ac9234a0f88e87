package dev.peerscout.cli;

import dev.peerscout.domain.model.TrackerUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to trackers. */
final class NetworkOptions {

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "One deadline for the whole run, retransmissions included (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--tracker", paramLabel = "URL",
            description = "Also ask this tracker (repeatable); each forms its own tier after the torrent's.")
    List<String> trackers = new ArrayList<>();

    @Option(names = "--show-secrets", description = "Show tracker passkeys instead of masking them.")
    boolean showSecrets;

    Duration timeout() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new UserError("--timeout must be more than 0 and at most 3600 seconds, got " + timeoutSeconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
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
                String shown = url.isBlank() || showSecrets ? url : TrackerUrl.of(url).redacted();
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
