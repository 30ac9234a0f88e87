package dev.peerscout.adapters.http;

import static dev.peerscout.adapters.http.Bencoded.dict;
import static dev.peerscout.adapters.http.Bencoded.hex;
import static dev.peerscout.adapters.http.Bencoded.list;
import static dev.peerscout.adapters.http.Bencoded.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrackerRepliesTest {

    static Stream<JsonNode> responseVectors() {
        return Vectors.elements(Vectors.httpTracker().get("responses")).stream()
                .filter(vector -> !vector.get("id").asText().equals("scrape"));
    }

    /** Every announce answer of the shared vectors, field by field. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("responseVectors")
    void readsTheSharedAnnounceVectors(JsonNode vector) {
        String id = vector.get("id").asText();
        JsonNode expected = vector.get("expected");
        Either<TrackerFailure, AnnounceReply> reply =
                TrackerReplies.announce(200, hex(vector.get("hex").asText()));

        if (expected.has("failure_reason")) {
            assertEquals(
                    new TrackerFailure.Rejected(expected.get("failure_reason").asText(), 1), reply.getLeft(), id);
            return;
        }
        if (expected.has("error")) {
            // compact-ragged: libtorrent refuses the answer; we keep the whole entries (documented policy).
            assertEquals(
                    "peers length 13 is not a multiple of 6",
                    expected.get("error").asText());
            assertEquals(
                    List.of(peer("192.0.2.1:6881"), peer("198.51.100.7:51413")),
                    reply.get().peers(),
                    id);
            assertEquals(1, reply.get().skippedPeers(), id);
            return;
        }
        AnnounceReply ok = reply.get();
        JsonNode interval = expected.get("interval");
        assertEquals(
                interval.isNull() ? Option.none() : Option.some(Duration.ofSeconds(interval.asLong())),
                ok.interval(),
                id);
        assertEquals(optionalSeconds(expected, "min_interval"), ok.minInterval(), id);
        assertEquals(optionalCount(expected, "seeders"), ok.seeders(), id);
        assertEquals(optionalCount(expected, "leechers"), ok.leechers(), id);
        assertEquals(
                expected.has("warning") ? Option.some(expected.get("warning").asText()) : Option.none(),
                ok.warning(),
                id);
        assertEquals(
                expected.has("tracker_id")
                        ? Option.some(new TrackerId(
                                expected.get("tracker_id").asText().getBytes(StandardCharsets.US_ASCII)))
                        : Option.none(),
                ok.trackerId(),
                id);

        List<Peer> peers = new ArrayList<>();
        List<HostPort> named = new ArrayList<>();
        expected.get("peers").forEach(text -> {
            Option<Peer> literal = literalPeer(text.asText());
            if (literal.isDefined()) {
                peers.add(literal.get());
            } else {
                named.add(hostPort(text.asText()));
            }
        });
        assertEquals(peers, ok.peers(), id);
        assertEquals(named, ok.namedPeers(), id);
        assertEquals(0, ok.skippedPeers(), id);
    }

    @Test
    void aMissingIntervalBecomesLibtorrentsDefaultInTheDomainResponse() {
        AnnounceReply reply =
                TrackerReplies.announce(200, dict("peers", new byte[0])).get();

        assertEquals(Duration.ofMinutes(30), reply.toResponse(1).interval());
        assertEquals(Option.none(), reply.toResponse(1).minInterval());
    }

    @Test
    void readsTheSharedScrapeVectorWithItsRawHashKey() {
        JsonNode vector = Vectors.elements(Vectors.httpTracker().get("responses")).stream()
                .filter(v -> v.get("id").asText().equals("scrape"))
                .findFirst()
                .orElseThrow();
        Map<InfoHash, ScrapeStats> expected = new HashMap<>();
        vector.get("expected")
                .get("files")
                .properties()
                .forEach(entry -> expected.put(
                        InfoHash.fromHex(entry.getKey()),
                        new ScrapeStats(
                                entry.getValue().get("complete").asLong(),
                                entry.getValue().get("downloaded").asLong(),
                                entry.getValue().get("incomplete").asLong())));

        assertEquals(
                Either.right(expected),
                TrackerReplies.scrape(200, hex(vector.get("hex").asText()), expected.keySet()));
    }

    @Test
    void scrapeKeepsOnlyTheAskedSwarmsAndSkipsBadEntries() {
        InfoHash asked = InfoHash.fromHex("2b760aa178932030c847dcdf8eaebf560a1bd16c");
        InfoHash notAsked = InfoHash.fromHex("c0fda1edafdbdbb96443424e0b3899af7159d10e");
        byte[] body = dict(
                "files",
                raw(dict(
                        asked.toBytes(),
                        raw(dict("complete", 2, "incomplete", 7)),
                        notAsked.toBytes(),
                        raw(dict("complete", 1)),
                        "short key",
                        raw(dict("complete", 1)))));

        assertEquals(
                Either.right(Map.of(asked, new ScrapeStats(2, 0, 7))),
                TrackerReplies.scrape(200, body, List.of(asked)));
        assertEquals(
                "malformed answer: files is a list, not a dictionary",
                TrackerReplies.scrape(200, dict("files", list()), List.of(asked))
                        .getLeft()
                        .message());
    }

    @Test
    void scrapeKeysWrittenAsTheUtf8OfTheHashReadAsLatin1AreRecovered() {
        InfoHash high = InfoHash.fromHex("c0fda1edafdbdbb96443424e0b3899af7159d10e"); // 11 bytes >= 0x80: a 31-byte key
        InfoHash ascii = InfoHash.fromHex("2b760a2178232030c8476cdf6e2ebf560a1bd16c");
        byte[] latin1AsUtf8 = new String(high.toBytes(), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        byte[] notLatin1 = "\u0100bcdefghijklmnopqrst".getBytes(StandardCharsets.UTF_8); // 20 chars, one beyond Latin-1
        byte[] body = dict(
                "files",
                raw(dict(
                        latin1AsUtf8,
                        raw(dict("complete", 3, "downloaded", 5, "incomplete", 4)),
                        ascii.toBytes(),
                        raw(dict("complete", 1)),
                        notLatin1,
                        raw(dict("complete", 9)))));

        assertEquals(31, latin1AsUtf8.length);
        assertEquals(
                Either.right(Map.of(high, new ScrapeStats(3, 5, 4), ascii, new ScrapeStats(1, 0, 0))),
                TrackerReplies.scrape(200, body, List.of(high, ascii)));
        assertEquals(Option.none(), TrackerReplies.scrapeKey(notLatin1));
        assertEquals(Option.none(), TrackerReplies.scrapeKey(new byte[41]));
    }

    @Test
    void dictPeersSkipMalformedEntriesAndKeepTheRest() {
        byte[] body = dict(
                "interval",
                60,
                "peers",
                list(
                        raw(dict("ip", "192.0.2.9", "port", 1)),
                        42,
                        raw(dict("ip", "192.0.2.10")),
                        raw(dict("port", 6881)),
                        raw(dict("ip", "192.0.2.11", "port", 0)),
                        raw(dict("ip", "192.0.2.12", "port", 70000)),
                        raw(dict("ip", "not an address!", "port", 6881)),
                        raw(dict("ip", "1.2.3", "port", 6881)),
                        raw(dict("ip", "::ffff:zz", "port", 6881)),
                        raw(dict("ip", "[2001:db8::7]", "port", 6881, "peer id", "-XX0000-abcdefghijkl")),
                        raw(dict("ip", "tracker-peer.example", "port", 65535))));

        AnnounceReply reply = TrackerReplies.announce(200, body).get();

        assertEquals(List.of(peer("192.0.2.9:1"), peer("[2001:db8::7]:6881")), reply.peers());
        assertEquals(List.of(new HostPort("tracker-peer.example", 65535)), reply.namedPeers());
        assertEquals(8, reply.skippedPeers());
    }

    @Test
    void compactPeersWithPortZeroAreSkipped() {
        byte[] body = dict(
                "peers",
                hex("c00002010000" + "c00002021ae1"),
                "peers6",
                hex("20010db8000000000000000000000001" + "0000"));

        AnnounceReply reply = TrackerReplies.announce(200, body).get();

        assertEquals(List.of(peer("192.0.2.2:6881")), reply.peers());
        assertEquals(2, reply.skippedPeers());
    }

    @Test
    void raggedPeers6KeepItsWholeEntries() {
        byte[] body = dict("peers6", hex("20010db80000000000000000000000011ae1" + "2001"));

        AnnounceReply reply = TrackerReplies.announce(200, body).get();

        assertEquals(List.of(peer("[2001:db8::1]:6881")), reply.peers());
        assertEquals(1, reply.skippedPeers());
    }

    @Test
    void externalIpIsFourOrSixteenRawBytes() throws Exception {
        assertEquals(
                Option.some(InetAddress.getByName("203.0.113.5")),
                TrackerReplies.announce(200, dict("external ip", hex("cb007105")))
                        .get()
                        .externalIp());
        assertEquals(
                Option.some(InetAddress.getByName("2001:db8::5")),
                TrackerReplies.announce(200, dict("external ip", hex("20010db8000000000000000000000005")))
                        .get()
                        .externalIp());
        assertEquals(
                Option.none(),
                TrackerReplies.announce(200, dict("external ip", hex("cb00710501")))
                        .get()
                        .externalIp());
    }

    @Test
    void countsAndIntervalsOfTheWrongTypeOrSignAreIgnored() {
        AnnounceReply reply = TrackerReplies.announce(
                        200, dict("complete", -1, "incomplete", "many", "interval", 0, "min interval", -5))
                .get();

        assertEquals(Option.none(), reply.seeders());
        assertEquals(Option.none(), reply.leechers());
        assertEquals(Option.none(), reply.interval());
        assertEquals(Option.none(), reply.minInterval());
    }

    @Test
    void aFailureReasonIsARejectionWhateverTheStatus() {
        byte[] body = dict("failure reason", "passkey\r\nunknown\u0007");

        assertEquals(
                new TrackerFailure.Rejected("passkey unknown", 1),
                TrackerReplies.announce(200, body).getLeft());
        assertEquals(
                new TrackerFailure.Rejected("passkey unknown", 1),
                TrackerReplies.announce(403, body).getLeft());
    }

    @Test
    void trackerTextLosesC1ControlsToo() {
        // U+009B is a one-character escape sequence (CSI) and U+0085 a line break (NEL) to a terminal.
        byte[] body = dict("failure reason", "passkey\u009b2Junknown\u0085now");

        assertEquals(
                new TrackerFailure.Rejected("passkey 2Junknown now", 1),
                TrackerReplies.announce(200, body).getLeft());
        assertEquals(
                Option.some("slow \u00e9 down"),
                TrackerReplies.announce(200, dict("interval", 60, "warning message", "slow\u009b\u00e9\u0085down"))
                        .get()
                        .warning());
    }

    @Test
    void aNonBencodeBodyShowsTheStatusAndItsFirstBytesPrintably() {
        byte[] html =
                "<html><head><title>502 Bad Gateway</title></head>\n<body>\u0001 nginx is sad and this goes on</body></html>"
                        .getBytes(StandardCharsets.UTF_8);

        TrackerFailure failure = TrackerReplies.announce(502, html).getLeft();

        assertInstanceOf(TrackerFailure.Malformed.class, failure);
        assertEquals(
                "malformed answer: HTTP 502 with a body that is not bencode (unexpected '<' at byte 0): "
                        + "\"<html><head><title>502 Bad Gateway</title></head>\\x0a<body>\"…",
                failure.message());
    }

    @Test
    void otherUnusableBodiesAreMalformedWithAReason() {
        assertEquals(
                "malformed answer: HTTP 200 with an empty body: \"\"",
                TrackerReplies.announce(200, new byte[0]).getLeft().message());
        assertEquals(
                "malformed answer: HTTP 200 with a list instead of a dictionary: \"le\"",
                TrackerReplies.announce(200, "le".getBytes(StandardCharsets.US_ASCII))
                        .getLeft()
                        .message());
        assertEquals(
                "malformed answer: HTTP 503 without a failure reason: \"d8:intervali60ee\"",
                TrackerReplies.announce(503, dict("interval", 60)).getLeft().message());
        assertEquals(
                "malformed answer: peers is an integer, not a string or a list",
                TrackerReplies.announce(200, dict("peers", 5)).getLeft().message());
        assertTrue(TrackerReplies.announce(200, "d5:peers999999999:xe".getBytes(StandardCharsets.US_ASCII))
                .getLeft()
                .message()
                .contains("claims 999999999 bytes but only 2 follow"));
    }

    @Test
    void trailingBytesAfterTheDictionaryAreIgnored() {
        byte[] body = (new String(dict("interval", 60), StandardCharsets.ISO_8859_1) + "\r\n<!-- junk -->")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(
                Option.some(Duration.ofSeconds(60)),
                TrackerReplies.announce(200, body).get().interval());
    }

    private static Option<Duration> optionalSeconds(JsonNode expected, String field) {
        return expected.has(field)
                ? Option.some(Duration.ofSeconds(expected.get(field).asLong()))
                : Option.none();
    }

    private static Option<Integer> optionalCount(JsonNode expected, String field) {
        return expected.has(field) ? Option.some(expected.get(field).asInt()) : Option.none();
    }

    static Peer peer(String text) {
        return literalPeer(text).getOrElseThrow(() -> new IllegalArgumentException(text));
    }

    private static Option<Peer> literalPeer(String text) {
        int colon = text.lastIndexOf(':');
        return TrackerReplies.literalAddress(text.substring(0, colon))
                .map(address -> new Peer(address, Integer.parseInt(text.substring(colon + 1))));
    }

    private static HostPort hostPort(String text) {
        int colon = text.lastIndexOf(':');
        return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
}
