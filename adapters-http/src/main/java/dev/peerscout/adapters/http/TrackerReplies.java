package dev.peerscout.adapters.http;

import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BValue.BList;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads tracker answers (§7, §7.1) from a status code and a body. Policy:
 * <ul>
 *   <li>{@code failure reason} is a rejection whatever the HTTP status; any other non-200 answer,
 *       and any body that is not a bencoded dictionary, is malformed, with the status and the
 *       first bytes in the message.</li>
 *   <li>Bad peer entries are skipped and counted, never fatal. A compact string whose length is
 *       not a multiple of 6 (or 18) keeps its whole entries and drops the ragged tail — libtorrent
 *       rejects the whole answer instead; we prefer the peers we can read.</li>
 *   <li>Dict peers whose {@code ip} is a DNS name are kept as {@link HostPort}s, not resolved: a
 *       lookup per peer would cost time inside the caller's deadline and send DNS traffic for
 *       names a tracker chose. They are rare; {@link AnnounceReply#namedPeers} keeps them.</li>
 * </ul>
 */
final class TrackerReplies {
    private static final int COMPACT_V4 = 6;
    private static final int COMPACT_V6 = 18;
    private static final int MAX_REASON_LENGTH = 300;
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    private static final Pattern CONTROLS = Pattern.compile("\\p{Cc}+");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    private TrackerReplies() {}

    static Either<TrackerFailure, AnnounceReply> announce(int status, byte[] body) {
        return dictionary(status, body).flatMap(TrackerReplies::announce);
    }

    /** Counts for the asked swarms only; hashes the tracker did not mention are absent. */
    static Either<TrackerFailure, Map<InfoHash, ScrapeStats>> scrape(
            int status, byte[] body, Collection<InfoHash> asked) {
        return dictionary(status, body).flatMap(dict -> scrape(dict, asked));
    }

    /** The top-level dictionary of a usable answer, or why there is none. */
    private static Either<TrackerFailure, BDict> dictionary(int status, byte[] body) {
        Either<String, BValue> decoded = BencodedBody.decode(body);
        if (decoded.isLeft()) {
            String what = body.length == 0 ? "an empty body" : "a body that is not bencode (" + decoded.getLeft() + ")";
            return Either.left(malformed("HTTP " + status + " with " + what + ": " + BodyPreview.of(body)));
        }
        if (!(decoded.get() instanceof BDict)) {
            return Either.left(malformed("HTTP " + status + " with " + BencodedBody.describe(decoded.get())
                    + " instead of a dictionary: " + BodyPreview.of(body)));
        }
        BDict dict = (BDict) decoded.get();
        Optional<String> failure = dict.text("failure reason");
        if (failure.isPresent()) {
            return Either.left(new TrackerFailure.Rejected(printable(failure.get()), 1));
        }
        if (status != 200) {
            return Either.left(malformed("HTTP " + status + " without a failure reason: " + BodyPreview.of(body)));
        }
        return Either.right(dict);
    }

    private static Either<TrackerFailure, AnnounceReply> announce(BDict dict) {
        List<Peer> peers = new ArrayList<>();
        List<HostPort> named = new ArrayList<>();
        int skipped = 0;
        Optional<BValue> peersField = dict.get("peers");
        if (peersField.isPresent()) {
            BValue value = peersField.get();
            if (value instanceof BBytes) {
                skipped += compactPeers(((BBytes) value).toBytes(), COMPACT_V4, peers);
            } else if (value instanceof BList) {
                skipped += dictPeers((BList) value, peers, named);
            } else {
                return Either.left(malformed("peers is " + BencodedBody.describe(value) + ", not a string or a list"));
            }
        }
        Optional<BBytes> peers6 = dict.bytes("peers6");
        if (peers6.isPresent()) {
            skipped += compactPeers(peers6.get().toBytes(), COMPACT_V6, peers);
        }
        return Either.right(new AnnounceReply(
                seconds(dict, "interval").filter(interval -> !interval.isZero()),
                seconds(dict, "min interval"),
                count(dict, "complete"),
                count(dict, "incomplete"),
                peers,
                named,
                skipped,
                Option.ofOptional(dict.text("warning message")).map(TrackerReplies::printable),
                Option.ofOptional(dict.bytes("tracker id"))
                        .filter(id -> id.length() > 0)
                        .map(id -> new TrackerId(id.toBytes())),
                Option.ofOptional(dict.bytes("external ip")).flatMap(ip -> address(ip.toBytes()))));
    }

    private static Either<TrackerFailure, Map<InfoHash, ScrapeStats>> scrape(BDict dict, Collection<InfoHash> asked) {
        Optional<BValue> files = dict.get("files");
        if (files.isEmpty()) {
            return Either.right(Map.of());
        }
        if (!(files.get() instanceof BDict)) {
            return Either.left(malformed("files is " + BencodedBody.describe(files.get()) + ", not a dictionary"));
        }
        Set<InfoHash> wanted = new HashSet<>(asked);
        Map<InfoHash, ScrapeStats> stats = new HashMap<>();
        ((BDict) files.get()).entries().forEach((key, value) -> {
            Option<InfoHash> keyHash = scrapeKey(key.toBytes());
            if (keyHash.isEmpty() || !(value instanceof BDict)) {
                return;
            }
            InfoHash hash = keyHash.get();
            BDict counts = (BDict) value;
            long seeders = counts.integer("complete").orElse(0L);
            long completed = counts.integer("downloaded").orElse(0L);
            long leechers = counts.integer("incomplete").orElse(0L);
            if (wanted.contains(hash) && seeders >= 0 && completed >= 0 && leechers >= 0) {
                stats.put(hash, new ScrapeStats(seeders, completed, leechers));
            }
        });
        return Either.right(stats);
    }

    /**
     * The info hash a scrape {@code files} key names: its 20 bytes, or, from trackers that
     * read the hash as Latin-1 text and wrote that text as UTF-8 (a widely deployed one does:
     * 20 to 40 bytes), those bytes recovered. A key of 20 bytes is always taken as it is.
     */
    static Option<InfoHash> scrapeKey(byte[] key) {
        if (key.length == InfoHash.LENGTH) {
            return Option.some(InfoHash.of(key));
        }
        if (key.length < InfoHash.LENGTH || key.length > 2 * InfoHash.LENGTH) {
            return Option.none();
        }
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(key))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return Option.none();
        }
        if (text.length() != InfoHash.LENGTH || text.chars().anyMatch(c -> c > 0xFF)) {
            return Option.none();
        }
        return Option.some(InfoHash.of(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    /** Adds the whole entries; returns how many entries (a ragged tail counts as one) were skipped. */
    private static int compactPeers(byte[] packed, int stride, List<Peer> peers) {
        int skipped = packed.length % stride == 0 ? 0 : 1;
        int addressLength = stride - 2;
        for (int offset = 0; offset + stride <= packed.length; offset += stride) {
            byte[] address = Arrays.copyOfRange(packed, offset, offset + addressLength);
            int port = ((packed[offset + addressLength] & 0xFF) << 8) | (packed[offset + addressLength + 1] & 0xFF);
            Option<Peer> peer = address(address).flatMap(ip -> peer(ip, port));
            if (peer.isDefined()) {
                peers.add(peer.get());
            } else {
                skipped++;
            }
        }
        return skipped;
    }

    private static int dictPeers(BList list, List<Peer> peers, List<HostPort> named) {
        int skipped = 0;
        for (BValue item : list.items()) {
            if (!(item instanceof BDict)) {
                skipped++;
                continue;
            }
            BDict entry = (BDict) item;
            Optional<String> ip = entry.text("ip").map(String::strip);
            Optional<Long> port = entry.integer("port").filter(p -> p >= 1 && p <= 0xFFFF);
            if (ip.isEmpty() || port.isEmpty()) {
                skipped++;
                continue;
            }
            int portNumber = port.get().intValue();
            Option<InetAddress> literal = literalAddress(ip.get());
            if (literal.isDefined()) {
                peers.add(new Peer(literal.get(), portNumber));
            } else if (HOST_NAME.matcher(ip.get()).matches() && !ip.get().matches("[0-9.]+")) {
                named.add(new HostPort(ip.get(), portNumber));
            } else {
                skipped++;
            }
        }
        return skipped;
    }

    /**
     * An IPv4 or IPv6 literal, parsed without any DNS lookup: only strings that cannot be host
     * names reach {@link InetAddress#getByName}, which parses a literal that starts with a hex
     * digit or ':' itself (and refuses a bad IPv6 one) without asking a resolver.
     */
    static Option<InetAddress> literalAddress(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(bare).matches();
        boolean v6 = bare.indexOf(':') >= 0 && IPV6_CHARS.matcher(bare).matches();
        if (!v4 && !v6) {
            return Option.none();
        }
        try {
            return Option.some(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Option.none();
        }
    }

    private static Option<InetAddress> address(byte[] raw) {
        if (raw.length != 4 && raw.length != 16) {
            return Option.none();
        }
        try {
            return Option.some(InetAddress.getByAddress(raw));
        } catch (UnknownHostException e) {
            return Option.none();
        }
    }

    private static Option<Peer> peer(InetAddress address, int port) {
        return port == 0 ? Option.none() : Option.some(new Peer(address, port));
    }

    private static Option<Duration> seconds(BDict dict, String key) {
        return Option.ofOptional(dict.integer(key))
                .filter(seconds -> seconds >= 0)
                .map(Duration::ofSeconds);
    }

    private static Option<Integer> count(BDict dict, String key) {
        return Option.ofOptional(dict.integer(key))
                .filter(n -> n >= 0 && n <= Integer.MAX_VALUE)
                .map(Long::intValue);
    }

    /**
     * Tracker text for people: one line, no control characters, bounded. {@code \p{Cc}}, not
     * {@code \p{Cntrl}}, which is ASCII only: C1 controls such as U+009B (CSI) and U+0085 (NEL)
     * start escape sequences and break lines too.
     */
    private static String printable(String text) {
        String line = CONTROLS.matcher(text).replaceAll(" ").strip();
        return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH) + "…";
    }

    private static TrackerFailure.Malformed malformed(String detail) {
        return new TrackerFailure.Malformed(detail, 1);
    }
}
