package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.net.URISyntaxException;

/** Turning a tracker's announce URL into the URIs we request. */
final class TrackerUrls {
    private static final String ANNOUNCE = "announce";

    private TrackerUrls() {}

    /**
     * Appends our parameters after whatever query the URL already has (private trackers put a
     * passkey there, and some insist it stays first). A fragment is never sent, so it is dropped.
     */
    static String withParameters(String url, String parameters) {
        String base = withoutFragment(url);
        int query = base.indexOf('?');
        if (query < 0) {
            return base + "?" + parameters;
        }
        boolean open = base.endsWith("?") || base.endsWith("&");
        return base + (open ? "" : "&") + parameters;
    }

    /**
     * The BEP 48 scrape URL, by the original convention (§7.1): the text after the last {@code /}
     * must start with {@code announce}, which becomes {@code scrape}; nothing is unquoted first.
     * So {@code /announce?x=2/4} (the last slash is in the query) has no scrape URL. libtorrent
     * is looser (the first {@code announce} anywhere); we keep to the convention.
     */
    static Option<String> scrapeUrl(String announceUrl) {
        String url = withoutFragment(announceUrl);
        int lastSlash = url.lastIndexOf('/');
        int authorityEnd = url.indexOf("://") < 0 ? -1 : url.indexOf("://") + 2;
        if (lastSlash <= authorityEnd || !url.startsWith(ANNOUNCE, lastSlash + 1)) {
            return Option.none();
        }
        return Option.some(
                url.substring(0, lastSlash + 1) + "scrape" + url.substring(lastSlash + 1 + ANNOUNCE.length()));
    }

    /** Parses an http(s) URL we are about to request; anything else is unsupported, not an error of the tracker. */
    static Either<TrackerFailure, URI> httpUri(String url) {
        // The domain's reading of the scheme: "host:80/announce" has none (URI would say "host").
        Option<String> scheme = TrackerUrl.of(url).scheme();
        if (scheme.isEmpty()) {
            return Either.left(new TrackerFailure.Unsupported("URL has no scheme"));
        }
        if (!scheme.get().equals("http") && !scheme.get().equals("https")) {
            return Either.left(new TrackerFailure.Unsupported("scheme " + scheme.get() + " is not http or https"));
        }
        Option<String> malformation = TrackerUrl.of(url).malformation();
        if (malformation.isDefined()) {
            // java.net.URI takes any digits as a port; the JDK client would throw on it.
            return Either.left(new TrackerFailure.MalformedUrl(malformation.get()));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Either.left(new TrackerFailure.Unsupported("not a valid URL: " + e.getReason()));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Either.left(new TrackerFailure.Unsupported("URL has no host"));
        }
        return Either.right(uri);
    }

    static Either<TrackerFailure, URI> httpUri(TrackerUrl tracker) {
        return httpUri(tracker.value());
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
