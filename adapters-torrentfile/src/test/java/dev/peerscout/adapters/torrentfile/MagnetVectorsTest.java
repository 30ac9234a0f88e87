package dev.peerscout.adapters.torrentfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 27 magnet vectors. Where a vector leaves the decision open ({@code expected_valid: null})
 * peerscout's policy is recorded below; where libtorrent 2.0.8 is known to be wrong
 * ({@code libtorrent_disagrees}) the vector's expectation wins. Elsewhere peerscout must agree
 * with libtorrent on hashes, name and trackers, except for the listed differences.
 */
class MagnetVectorsTest {

    /** peerscout's answer where the vectors leave it open. */
    private static final Map<String, Boolean> POLICY = Map.of(
            // Two different v1 hashes: which torrent is meant? libtorrent silently keeps the last.
            "two-btih", false,
            // RFC 3986: schemes are case-insensitive (libtorrent refuses upper case).
            "upper-scheme", true);

    /** Accepted like libtorrent, with a deliberately different result. */
    private static final Map<String, String> DIFFERENCES = Map.of(
            "tr-duplicate", "a repeated tracker is kept once (libtorrent keeps both)",
            "x-pe-pct-brackets",
                    "values are percent-decoded before parsing, so [2001:db8::1] is kept (libtorrent drops it)");

    private final MagnetLinkParser parser = new MagnetLinkParser();

    static Stream<Arguments> vectors() {
        JsonNode vectors = CorpusFiles.json("vectors/magnet-vectors.json").get("vectors");
        return StreamSupport.stream(vectors.spliterator(), false)
                .map(vector -> Arguments.of(vector.get("id").asText(), vector));
    }

    @Test
    void allVectorsAreThere() {
        assertEquals(27, vectors().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void parsesLikeBep9(String id, JsonNode vector) {
        Either<TorrentError, Torrent> result = parser.parse(vector.get("uri").asText());
        JsonNode expected = vector.get("expected_valid");
        boolean valid = expected.isNull() ? POLICY.get(id) : expected.asBoolean();
        if (!valid) {
            assertTrue(result.isLeft(), "must be refused");
            TorrentError.InvalidMagnet error = assertInstanceOf(TorrentError.InvalidMagnet.class, result.getLeft());
            assertTrue(error.message().startsWith("magnet link: "), error.message());
            return;
        }
        assertTrue(
                result.isRight(), () -> "must be accepted: " + result.getLeft().message());
        Torrent torrent = result.get();
        JsonNode libtorrent = vector.get("libtorrent_2_0_8");
        if (!libtorrent.get("accepts").asBoolean()) {
            // Accepted by policy only: nothing of libtorrent's to compare with but the hash in the link.
            String hex = vector.get("uri").asText().replaceAll(".*urn:btih:([0-9a-fA-F]{40}).*", "$1");
            assertEquals(
                    hex.toLowerCase(Locale.ROOT), torrent.hashes().v1().get().hex());
            return;
        }
        assertEquals(
                text(libtorrent, "info_hash_v1"),
                torrent.hashes().v1().map(InfoHash::hex).toJavaOptional());
        assertEquals(
                text(libtorrent, "info_hash_v2"),
                torrent.hashes().v2().map(InfoHashV2::hex).toJavaOptional());
        assertEquals(libtorrent.get("name").asText(), torrent.name().getOrElse(""));
        assertTrue(torrent.contents().isEmpty());
        List<String> trackers = strings(libtorrent.get("trackers"));
        List<List<Object>> peers = peers(libtorrent.get("peers"));
        if (DIFFERENCES.containsKey(id)) {
            trackers = List.copyOf(new LinkedHashSet<>(trackers));
            peers = id.equals("x-pe-pct-brackets")
                    ? List.of(List.of("192.0.2.1", 6881), List.of("2001:db8::1", 51413))
                    : peers;
        }
        assertEquals(
                trackers, torrent.trackers().stream().map(TrackerUrl::value).toList());
        assertEquals(
                peers,
                torrent.peerHints().stream()
                        .map(peer -> List.<Object>of(peer.host(), peer.port()))
                        .toList());
        // libtorrent gives every tr its own tier.
        for (int tier = 0; tier < torrent.tiers().size(); tier++) {
            assertEquals(tier, torrent.tiers().get(tier).index());
            assertEquals(1, torrent.tiers().get(tier).trackers().size());
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.get(field) == null || node.get(field).isNull()
                ? Optional.empty()
                : Optional.of(node.get(field).asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    private static List<List<Object>> peers(JsonNode array) {
        List<List<Object>> peers = new ArrayList<>();
        array.forEach(
                peer -> peers.add(List.of(peer.get(0).asText(), peer.get(1).asInt())));
        return peers;
    }
}
