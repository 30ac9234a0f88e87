package dev.peerscout.adapters.torrentfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.MagnetLinks;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MagnetLinkParserTest {
    private static final String HEX = "c0fda1edafdbdbb96443424e0b3899af7159d10e";
    private static final String BASE32 = "YD62D3NP3PN3SZCDIJHAWOEZV5YVTUIO";
    private static final String V2 = "597b180c1a170a585dfc5e85d834d69013ceda174b8f357d5bb1a0ca509faf0a";

    private final MagnetLinkParser parser = new MagnetLinkParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://example.com/?xt=urn:btih:" + HEX + " | not a magnet link (it must start with 'magnet:?')",
                "magnet:                                     | missing '?' after 'magnet:'",
                "magnet:xt=urn:btih:" + HEX + "              | missing '?' after 'magnet:'",
                "magnet:?dn=x&tr=udp://t.example:1           | missing xt=urn:btih or urn:btmh",
                "magnet:?xt=urn:sha1:YNCKHTQCWBTRNJIV4WNAE52SJUQCZO5C | missing xt=urn:btih or urn:btmh",
                "magnet:?xt=urn:btih:" + HEX + "0           | btih must be 40 hex or 32 base32 characters, got 41",
                "magnet:?xt=urn:btih:c0fda1edafdbdbb96443424e0b3899af7159d10 | btih must be 40 hex or 32 base32 characters, got 39",
                "magnet:?xt=urn:btih:c0fda1edafdbdbb96443424e0b3899af7159d10g | btih is not hexadecimal: 'g' at position 40",
                "magnet:?xt=urn:btih:YD62D3NP3PN3SZCDIJHAWOEZV5YVTUI1 | btih has 32 characters but is not base32: '1' is not in A-Z, 2-7",
                "magnet:?xt=urn:btmh:1114c14199bbec64d0e9e439aa3b6b7639e666b86eca | btmh must be a sha2-256 multihash, '1220' followed by 64 hex characters; got 44 characters starting '1114'",
                "magnet:?xt=urn:btmh:1220597b                | btmh must be a sha2-256 multihash, '1220' followed by 64 hex characters; got 8 characters starting '1220'",
                "magnet:?xt=urn:btmh:1220" + V2
                        + "x         | btmh must be a sha2-256 multihash, '1220' followed by 64 hex characters; got 69 characters starting '1220'",
                "magnet:?xt=urn:btih:" + HEX
                        + "&xt=urn:btih:1e44709a0ec082a6a5ea4837e450ae08d3f4394e | two different btih hashes (" + HEX
                        + " and 1e44709a0ec082a6a5ea4837e450ae08d3f4394e): which torrent is meant is ambiguous",
            })
    void refusesWithAClearMessage(String uri, String message) {
        assertEquals(Either.left(new TorrentError.InvalidMagnet(message)), parser.parse(uri));
    }

    @Test
    void whatALinkSaysStaysOnOneLineInMessagesAndWarnings() {
        // Found by fuzzing: control characters of the link were echoed into one-line messages.
        assertEquals(
                Either.left(new TorrentError.InvalidMagnet("btih is not hexadecimal: '\uFFFD' at position 40")),
                parser.parse("magnet:?xt=urn:btih:" + HEX.substring(0, 39) + "%0A"));
        Torrent torrent = parse("magnet:?xt=urn:btih:" + HEX + "&x.pe=a%1B[31m%0D");
        assertEquals(
                List.of("ignored x.pe 'a\uFFFD[31m\uFFFD': expected host:port, a.b.c.d:port or [v6]:port"),
                torrent.warnings());
    }

    @Test
    void nullIsNotAMagnetLink() {
        assertEquals(
                Either.left(new TorrentError.InvalidMagnet("not a magnet link (it must start with 'magnet:?')")),
                parser.parse(null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "magnet:?xt=urn:btih:" + HEX,
                "magnet:?xt=urn:btih:" + BASE32,
                "magnet:?xt=urn:btih:" + "yd62d3np3pn3szcdijhawoezv5yvtuio",
                "MAGNET:?XT=URN:BTIH:" + "C0FDA1EDAFDBDBB96443424E0B3899AF7159D10E",
                "magnet:?xt.1=urn:btih:" + HEX,
                "magnet:?xt=urn:btih:" + HEX + "&xt=urn:btih:" + BASE32,
                "magnet:?xt=urn%3Abtih%3A" + HEX,
            })
    void readsV1HashesInEverySpelling(String uri) {
        assertEquals(HEX, parse(uri).hashes().v1().get().hex());
    }

    @Test
    void aBtihAndABtmhMakeAHybrid() {
        Torrent torrent = parse("magnet:?xt=urn:btmh:1220" + V2.toUpperCase() + "&xt=urn:btih:" + HEX);
        assertEquals(HEX, torrent.hashes().v1().get().hex());
        assertEquals(V2, torrent.hashes().v2().get().hex());
    }

    @Test
    void everyTrackerIsItsOwnTierInOrder() {
        Torrent torrent =
                parse("magnet:?xt=urn:btih:" + HEX + "&tr=udp%3A%2F%2Fa.example%3A1&tr.1=http://b.example/announce"
                        + "&tr=&tr=udp://a.example:1&tr=%20udp://c.example:3%20");
        assertEquals(
                List.of(
                        new Tier(0, List.of(TrackerUrl.of("udp://a.example:1"))),
                        new Tier(1, List.of(TrackerUrl.of("http://b.example/announce"))),
                        new Tier(2, List.of(TrackerUrl.of("udp://c.example:3")))),
                torrent.tiers());
    }

    @Test
    void trackerUrlsAreDecodedExactlyOnce() {
        Torrent torrent = parse("magnet:?xt=urn:btih:" + HEX + "&tr=http%3A%2F%2Ft.example%2Fa%3Fk%3D%2541");
        assertEquals("http://t.example/a?k=%41", torrent.trackers().get(0).value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Caf%C3%A9+del%20Mar          | Caf\u00e9 del Mar",
                "Caf\u00e9 del Mar            | Caf\u00e9 del Mar",
                "100%25 pure                  | 100% pure",
                "100% pure                    | 100% pure",
                "bad%zzescape%4               | bad%zzescape%4",
                "%FFbroken                    | \ufffdbroken",
                "a%26b%3Dc                    | a&b=c",
            })
    void displayNamesAreDecodedLeniently(String dn, String name) {
        assertEquals(
                Option.of(name),
                parse("magnet:?xt=urn:btih:" + HEX + "&dn=" + dn).name());
    }

    @Test
    void peerHintsAcceptHostsAndAddressesAndSkipTheRest() {
        Torrent torrent = parse("magnet:?xt=urn:btih:" + HEX + "&x.pe=192.0.2.1:6881&x.pe=%5B2001:db8::1%5D:51413"
                + "&x.pe=peer.example:1&x.pe=2001:db8::2:80&x.pe=no-port&x.pe=h:0&x.pe=h:70000");
        assertEquals(
                List.of(
                        new HostPort("192.0.2.1", 6881),
                        new HostPort("2001:db8::1", 51413),
                        new HostPort("peer.example", 1)),
                torrent.peerHints());
        assertEquals(4, torrent.warnings().size());
        assertEquals(
                "ignored x.pe 'no-port': expected host:port, a.b.c.d:port or [v6]:port",
                torrent.warnings().get(1));
    }

    @Test
    void aMagnetLinkHasNoContentsAndIsNotPrivate() {
        Torrent torrent = parse("magnet:?xt=urn:btih:" + HEX + "&ws=http://seed.example/f&so=0,2&xl=425&foo=bar#frag");
        assertTrue(torrent.contents().isEmpty());
        assertEquals(Option.none(), torrent.name());
        assertEquals(List.of(), torrent.tiers());
        assertEquals(false, torrent.isPrivate());
        assertEquals(List.of(), torrent.warnings());
    }

    @Test
    void linksBuiltByTheDomainRoundTrip() {
        TorrentFileReader reader = new TorrentFileReader();
        for (String file : List.of(
                "synthetic/tiers-multi-url.torrent",
                "synthetic/name-utf8.torrent",
                "synthetic/http-tracker-with-query.torrent",
                "anacrolix-testdata/bittorrent-v2-hybrid-test.torrent",
                "libtorrent-test-torrents/v2_only.torrent",
                "anacrolix-testdata/The WIRED CD - Rip. Sample. Mash. Share.torrent")) {
            Torrent original = reader.read(CorpusFiles.file(file).toString()).get();

            Torrent parsed = parse(MagnetLinks.of(original));

            assertEquals(original.hashes(), parsed.hashes(), file);
            assertEquals(original.name(), parsed.name(), file);
            assertEquals(original.trackers(), parsed.trackers(), file);
        }
    }

    @Test
    void awkwardNamesRoundTrip() {
        Torrent original = new Torrent(
                Option.of("a+b & c=d 100% \u00fcber/\u6f22\u5b57"),
                InfoHashes.v1(InfoHash.fromHex(HEX)),
                List.of(new Tier(0, List.of(TrackerUrl.of("http://t.example/announce?passkey=a+b&x=1")))),
                Option.none(),
                false,
                List.of(),
                List.of(),
                List.of());
        Torrent parsed = parse(MagnetLinks.of(original));
        assertEquals(original.name(), parsed.name());
        assertEquals(original.trackers(), parsed.trackers());
    }

    private Torrent parse(String uri) {
        return parser.parse(uri).getOrElseThrow(error -> new AssertionError(error.message()));
    }
}
