package dev.peerscout.adapters.torrentfile;

import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses BEP 9 magnet links into a {@link Torrent} without contents.
 *
 * <ul>
 *   <li>{@code xt} (also numbered {@code xt.1}, {@code xt.2}): {@code urn:btih:} with 40 hex or 32
 *       base32 characters (either case), {@code urn:btmh:} with a sha2-256 multihash
 *       ({@code 1220} + 64 hex); one of each makes a hybrid. Hashes are checked strictly (libtorrent
 *       2.0.8 reads a {@code g} in hex as 0). Two different btih (or btmh) are refused as
 *       ambiguous (libtorrent silently keeps the last). Other URNs are ignored.</li>
 *   <li>{@code dn}: the name. {@code tr} / {@code tr.N}: one tier each, in order, repeated URLs
 *       dropped. {@code x.pe}: peer hints {@code host:port}, {@code a.b.c.d:port},
 *       {@code [v6]:port}; malformed ones are skipped with a warning. Other keys are ignored.</li>
 *   <li>Keys and values are percent-decoded once (see {@link PercentDecoding}); the scheme, keys
 *       and URN prefixes are matched without regard to case (RFC 3986, RFC 8141), so
 *       {@code MAGNET:?XT=urn:btih:...} is accepted though libtorrent refuses it.</li>
 * </ul>
 */
public final class MagnetLinkParser {
    private static final String SCHEME = "magnet:";
    private static final String BTIH = "urn:btih:";
    private static final String BTMH = "urn:btmh:";
    private static final String SHA256_MULTIHASH = "1220";
    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";
    /** {@code xt.1}, {@code tr.12}: numbered forms of a key. */
    private static final Pattern NUMBERED = Pattern.compile("(.+)\\.[0-9]+");

    private static final Pattern PEER = Pattern.compile("\\[([^\\]]+)\\]:([0-9]{1,5})|([^:\\[\\]]+):([0-9]{1,5})");

    public Either<TorrentError, Torrent> parse(String uri) {
        try {
            return Either.right(parseOrThrow(uri));
        } catch (InvalidMagnetException e) {
            // Messages quote characters of the link: one line, whatever they are.
            return Either.left(new TorrentError.InvalidMagnet(Printable.line(e.getMessage())));
        }
    }

    private Torrent parseOrThrow(String uri) {
        if (uri == null || !uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new InvalidMagnetException("not a magnet link (it must start with 'magnet:?')");
        }
        if (uri.length() == SCHEME.length() || uri.charAt(SCHEME.length()) != '?') {
            throw new InvalidMagnetException("missing '?' after 'magnet:'");
        }
        int fragment = uri.indexOf('#');
        String query = uri.substring(SCHEME.length() + 1, fragment < 0 ? uri.length() : fragment);

        Option<InfoHash> v1 = Option.none();
        Option<InfoHashV2> v2 = Option.none();
        Option<String> name = Option.none();
        AnnounceTiers tiers = new AnnounceTiers();
        int nextTier = 0;
        List<HostPort> peers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String key = baseKey(PercentDecoding.decode(equals < 0 ? parameter : parameter.substring(0, equals)));
            String value = equals < 0 ? "" : PercentDecoding.decode(parameter.substring(equals + 1));
            switch (key) {
                case "xt":
                    if (startsWithIgnoreCase(value, BTIH)) {
                        v1 = Option.some(only(v1, btih(value.substring(BTIH.length())), "btih"));
                    } else if (startsWithIgnoreCase(value, BTMH)) {
                        v2 = Option.some(only(v2, btmh(value.substring(BTMH.length())), "btmh"));
                    }
                    break;
                case "dn":
                    if (name.isEmpty() && !value.isBlank()) {
                        name = Option.some(value);
                    }
                    break;
                case "tr":
                    if (tiers.add(nextTier, value)) {
                        nextTier++;
                    }
                    break;
                case "x.pe":
                    Option<HostPort> peer = peer(value);
                    peer.forEach(peers::add);
                    if (peer.isEmpty()) {
                        warnings.add("ignored x.pe '" + value + "': expected host:port, a.b.c.d:port or [v6]:port");
                    }
                    break;
                default:
                    break; // ws, so, xl and unknown keys: not needed for discovery
            }
        }
        if (v1.isEmpty() && v2.isEmpty()) {
            throw new InvalidMagnetException("missing xt=urn:btih or urn:btmh");
        }
        return new Torrent(
                name,
                new InfoHashes(v1, v2),
                tiers.build(),
                Option.none(),
                false,
                peers,
                List.of(),
                Printable.lines(warnings));
    }

    /** Lower-cased key without a {@code .N} suffix ({@code x.pe} keeps its dot: "pe" is no number). */
    static String baseKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        Matcher numbered = NUMBERED.matcher(lower);
        return numbered.matches() ? numbered.group(1) : lower;
    }

    private static InfoHash btih(String hash) {
        if (hash.length() == 40) {
            return InfoHash.of(hex(hash, "btih"));
        }
        if (hash.length() == 32) {
            return InfoHash.of(Base32.decode(hash)
                    .getOrElseThrow(bad -> new InvalidMagnetException(
                            "btih has 32 characters but is not base32: '" + bad + "' is not in A-Z, 2-7")));
        }
        throw new InvalidMagnetException("btih must be 40 hex or 32 base32 characters, got " + hash.length());
    }

    private static InfoHashV2 btmh(String multihash) {
        if (multihash.length() != SHA256_MULTIHASH.length() + 64
                || !multihash.regionMatches(true, 0, SHA256_MULTIHASH, 0, SHA256_MULTIHASH.length())) {
            throw new InvalidMagnetException(
                    "btmh must be a sha2-256 multihash, '1220' followed by 64 hex characters; got "
                            + multihash.length() + " characters starting '"
                            + multihash.substring(0, Math.min(4, multihash.length())) + "'");
        }
        return InfoHashV2.of(hex(multihash.substring(SHA256_MULTIHASH.length()), "btmh"));
    }

    private static byte[] hex(String digits, String what) {
        for (int i = 0; i < digits.length(); i++) {
            if (HEX_DIGITS.indexOf(digits.charAt(i)) < 0) {
                throw new InvalidMagnetException(
                        what + " is not hexadecimal: '" + digits.charAt(i) + "' at position " + (i + 1));
            }
        }
        return HexFormat.of().parseHex(digits);
    }

    /** A second, different hash of the same kind makes the link ambiguous. */
    private static <H> H only(Option<H> earlier, H hash, String kind) {
        if (earlier.isDefined() && !earlier.get().equals(hash)) {
            throw new InvalidMagnetException("two different " + kind + " hashes (" + earlier.get() + " and " + hash
                    + "): which torrent is meant is ambiguous");
        }
        return hash;
    }

    private static Option<HostPort> peer(String value) {
        Matcher matcher = PEER.matcher(value.strip());
        if (!matcher.matches()) {
            return Option.none();
        }
        boolean bracketed = matcher.group(1) != null;
        String host = bracketed ? matcher.group(1) : matcher.group(3);
        int port = Integer.parseInt(bracketed ? matcher.group(2) : matcher.group(4));
        return host.isBlank() || port < 1 || port > 0xFFFF ? Option.none() : Option.some(new HostPort(host, port));
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** Internal control flow; {@link #parse} turns it into a value. */
    private static final class InvalidMagnetException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidMagnetException(String message) {
            super(message, null, false, false);
        }
    }
}
