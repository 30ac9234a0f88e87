package dev.peerscout.domain.model;

import io.vavr.control.Option;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tracker's announce URL exactly as the torrent gives it (after trimming). It may be unusable
 * (no scheme, {@code wss://}): discovery reports such trackers as unsupported rather than
 * dropping them, so the user sees every tracker the torrent names.
 */
public record TrackerUrl(String value) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
    /** A path segment that looks like a passkey: long, URL-safe, with at least one digit. */
    private static final Pattern SECRET_SEGMENT = Pattern.compile("(?=[^/]*[0-9])[A-Za-z0-9_-]{16,}");

    private static final String MASK = "***";

    public TrackerUrl {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty tracker URL");
        }
    }

    public static TrackerUrl of(String value) {
        return new TrackerUrl(value.strip());
    }

    /** The scheme in lower case ({@code udp}, {@code http}, {@code https}, ...), if the URL has one. */
    public Option<String> scheme() {
        var matcher = SCHEME.matcher(value);
        return matcher.find() ? Option.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Option.none();
    }

    /** The host (an IPv6 literal without its brackets), if the URL has a scheme and an authority. */
    public Option<String> host() {
        return authority().flatMap(authority -> {
            String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                return close < 0 ? Option.none() : Option.of(hostPort.substring(1, close));
            }
            int colon = hostPort.indexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            return host.isEmpty() ? Option.none() : Option.of(host);
        });
    }

    /**
     * What makes the URL unusable whatever the protocol, before anything is sent: a port that is
     * all digits but beyond 65535. (A port that is not a number is left to each client to name.)
     */
    public Option<String> malformation() {
        return authority().flatMap(authority -> {
            String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0 || hostPort.indexOf(']', colon) >= 0) {
                return Option.none();
            }
            String port = hostPort.substring(colon + 1);
            if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Option.none();
            }
            String digits = port.replaceFirst("^0+(?=.)", ""); // leading zeros change nothing
            boolean tooLarge = digits.length() > 5 || Integer.parseInt(digits) > 0xFFFF;
            return tooLarge ? Option.of("port " + port + " is out of range") : Option.none();
        });
    }

    private Option<String> authority() {
        int schemeEnd = value.indexOf("://");
        if (schemeEnd < 0 || scheme().isEmpty()) {
            return Option.none();
        }
        int start = schemeEnd + 3;
        int end = indexOfAny(value, "/?#", start);
        return Option.of(value.substring(start, end < 0 ? value.length() : end));
    }

    /**
     * The URL with anything that may be a secret masked: user info, every query value, and path
     * segments that look like passkeys ({@code https://t.example/***&#47;announce}).
     */
    public String redacted() {
        int schemeEnd = value.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int pathStart = indexOfAny(value, "/?#", authorityStart);
        String authority = value.substring(authorityStart, pathStart < 0 ? value.length() : pathStart);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = MASK + authority.substring(at);
        }
        StringBuilder out = new StringBuilder(value.length())
                .append(value, 0, authorityStart)
                .append(authority);
        if (pathStart < 0) {
            return out.toString();
        }
        int queryStart = value.indexOf('?', pathStart);
        String path = value.substring(pathStart, queryStart < 0 ? value.length() : queryStart);
        for (String segment : path.split("/", -1)) {
            // A segment may carry parameters (";passkey=..."): their values are masked like a query's.
            String[] parts = segment.split(";", -1);
            out.append(SECRET_SEGMENT.matcher(parts[0]).matches() ? MASK : parts[0]);
            for (int i = 1; i < parts.length; i++) {
                out.append(';').append(maskParameter(parts[i]));
            }
            out.append('/');
        }
        out.setLength(out.length() - 1);
        if (queryStart >= 0) {
            out.append('?');
            String[] params = value.substring(queryStart + 1).split("&", -1);
            for (int i = 0; i < params.length; i++) {
                out.append(i == 0 ? "" : "&").append(maskParameter(params[i]));
            }
        }
        return out.toString();
    }

    /**
     * {@code text} (a tracker's failure reason, an error message) with every secret of this URL
     * that it repeats masked as {@link #redacted()} masks it in the URL: trackers echo the passkey
     * they could not accept. Values shorter than 6 characters ({@code compact=1}) are left alone.
     */
    public String redactIn(String text) {
        String out = text;
        for (String secret : secrets()) {
            if (secret.length() >= 6) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /** {@link #redactIn} unless the user asked to see secrets. */
    public String displayIn(String text, boolean showSecrets) {
        return showSecrets ? text : redactIn(text);
    }

    /** Whether {@link #redacted()} hides anything. */
    public boolean hasSecrets() {
        return !redacted().equals(value);
    }

    /** What {@link #redacted()} masks, longest first (so a secret that contains another goes whole). */
    private java.util.List<String> secrets() {
        java.util.List<String> secrets = new java.util.ArrayList<>();
        int schemeEnd = value.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int pathStart = indexOfAny(value, "/?#", authorityStart);
        String authority = value.substring(authorityStart, pathStart < 0 ? value.length() : pathStart);
        int at = authority.lastIndexOf('@');
        if (at > 0) {
            secrets.add(authority.substring(0, at));
        }
        if (pathStart >= 0) {
            int queryStart = value.indexOf('?', pathStart);
            String path = value.substring(pathStart, queryStart < 0 ? value.length() : queryStart);
            for (String segment : path.split("/", -1)) {
                String[] parts = segment.split(";", -1);
                if (SECRET_SEGMENT.matcher(parts[0]).matches()) {
                    secrets.add(parts[0]);
                }
                for (int i = 1; i < parts.length; i++) {
                    secrets.add(parameterValue(parts[i]));
                }
            }
            if (queryStart >= 0) {
                for (String parameter : value.substring(queryStart + 1).split("&", -1)) {
                    secrets.add(parameterValue(parameter));
                }
            }
        }
        secrets.removeIf(String::isEmpty);
        secrets.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return secrets;
    }

    private static String parameterValue(String parameter) {
        return parameter.substring(parameter.indexOf('=') + 1);
    }

    /** {@code key=***}; a bare token ({@code ?0123abcd...}) may itself be the secret, so it goes whole. */
    private static String maskParameter(String parameter) {
        int eq = parameter.indexOf('=');
        if (eq >= 0) {
            return parameter.substring(0, eq + 1) + MASK;
        }
        return parameter.isEmpty() ? parameter : MASK;
    }

    /**
     * The same tracker however it is written: scheme and host in lower case, no default port (80 for
     * http, 443 for https), no trailing slash on the path. {@code UDP://H:1/} and {@code udp://h:1}
     * are one tracker, asked once. User info, path case and the query are kept as they are.
     */
    public TrackerUrl normalized() {
        Option<String> scheme = scheme();
        if (scheme.isEmpty()) {
            return this;
        }
        int authorityStart = value.indexOf("://") + 3;
        int pathStart = indexOfAny(value, "/?#", authorityStart);
        String authority = value.substring(authorityStart, pathStart < 0 ? value.length() : pathStart);
        String rest = pathStart < 0 ? "" : value.substring(pathStart);
        int at = authority.lastIndexOf('@');
        String userInfo = authority.substring(0, at + 1);
        String hostPort = authority.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort;
        String port = "";
        if (colon >= 0 && hostPort.lastIndexOf(']') < colon) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        }
        if (port.equals(defaultPort(scheme.get()))) {
            port = "";
        }
        int tailStart = indexOfAny(rest, "?#", 0);
        String path = rest.substring(0, tailStart < 0 ? rest.length() : tailStart);
        String tail = tailStart < 0 ? "" : rest.substring(tailStart);
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return new TrackerUrl(scheme.get() + "://" + userInfo + host.toLowerCase(Locale.ROOT)
                + (port.isEmpty() ? "" : ":" + port) + path.substring(0, end) + tail);
    }

    /** Whether {@code other} is this tracker written differently. */
    public boolean sameTrackerAs(TrackerUrl other) {
        return normalized().equals(other.normalized());
    }

    private static String defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> "80";
            case "https" -> "443";
            default -> "";
        };
    }

    /** What to show a user: redacted unless they asked to see secrets. */
    public String display(boolean showSecrets) {
        return showSecrets ? value : redacted();
    }

    private static int indexOfAny(String text, String chars, int from) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return redacted();
    }

    // Written out, with the values a record's own give: those are bootstrapped on first use
    // (ObjectMethods), ~25 ms of a cold C1 JVM, and tracker URLs are compared in every run.
    @Override
    public boolean equals(Object other) {
        return other instanceof TrackerUrl that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
