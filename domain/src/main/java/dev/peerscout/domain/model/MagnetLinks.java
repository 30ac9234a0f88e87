package dev.peerscout.domain.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds BEP 9 magnet links: both hashes for a hybrid, the name, and every tracker in tier order. */
public final class MagnetLinks {
    private MagnetLinks() {}

    public static String of(Torrent torrent) {
        return of(torrent, true);
    }

    /** With {@code showSecrets} false, tracker URLs are {@linkplain TrackerUrl#redacted() redacted}. */
    public static String of(Torrent torrent, boolean showSecrets) {
        StringBuilder uri = new StringBuilder("magnet:?");
        String separator = "";
        for (InfoHash v1 : torrent.hashes().v1()) {
            uri.append("xt=urn:btih:").append(v1.hex());
            separator = "&";
        }
        for (InfoHashV2 v2 : torrent.hashes().v2()) {
            uri.append(separator).append("xt=urn:btmh:1220").append(v2.hex());
        }
        for (String name : torrent.name()) {
            uri.append("&dn=").append(encode(name));
        }
        for (TrackerUrl tracker : torrent.trackers()) {
            uri.append("&tr=").append(encode(tracker.display(showSecrets)));
        }
        return uri.toString();
    }

    /** Percent-encoding with {@code %20} for spaces, as magnet links in the wild use. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
