package dev.peerscout.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.PeerId;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnnounceQueryTest {
    private static final InfoHash BASE_TORRENT = InfoHash.fromHex("c0fda1edafdbdbb96443424e0b3899af7159d10e");
    private static final PeerId PEER = PeerId.of("-JV0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));

    private static AnnounceRequest request(AnnounceEvent event, int numWant) {
        return new AnnounceRequest(
                BASE_TORRENT, PEER, 6881, 0, 0, 425, event, numWant, 0x1A2B3C4D, EnumSet.allOf(AddressFamily.class));
    }

    @Test
    void buildsTheSharedExampleAnnounceUrlExactly() {
        String url = TrackerUrls.withParameters(
                "http://tracker.example.org:6969/announce",
                AnnounceQuery.announce(request(AnnounceEvent.STARTED, 50), Option.none()));

        assertEquals(Vectors.httpTracker().get("announce_url_example").asText(), url);
    }

    @Test
    void keepsAnExistingPasskeyQueryFirstAndAppendsWithAmpersand() {
        String url = TrackerUrls.withParameters(
                "http://tracker.example.org/announce.php?passkey=0123abcd",
                AnnounceQuery.announce(request(AnnounceEvent.NONE, -1), Option.none()));

        String expected =
                Vectors.httpTracker().get("announce_url_with_existing_query").asText();
        assertEquals(expected + "&key=1A2B3C4D", url, "the vector has no key; ours always carries one");
    }

    @Test
    void omitsEventForRegularAnnouncesAndNumwantWhenTheTrackerMayChoose() {
        String query = AnnounceQuery.announce(request(AnnounceEvent.NONE, -1), Option.none());

        assertFalse(query.contains("event="), query);
        assertFalse(query.contains("numwant="), query);
    }

    @ParameterizedTest
    @CsvSource({"STARTED, started", "STOPPED, stopped", "COMPLETED, completed"})
    void namesEveryEvent(AnnounceEvent event, String name) {
        assertTrue(AnnounceQuery.announce(request(event, 0), Option.none()).contains("&event=" + name + "&numwant=0&"));
    }

    @Test
    void echoesTheTrackerIdPercentEncodedAtTheEnd() {
        String query = AnnounceQuery.announce(
                request(AnnounceEvent.NONE, -1),
                Option.some(new TrackerId("a b+c".getBytes(StandardCharsets.US_ASCII))));

        assertTrue(query.endsWith("&key=1A2B3C4D&trackerid=a%20b%2Bc"), query);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://t.example/announce|http://t.example/announce?a=1",
                "http://t.example/announce?pk=x|http://t.example/announce?pk=x&a=1",
                "http://t.example/announce?pk=x&|http://t.example/announce?pk=x&a=1",
                "http://t.example/announce?|http://t.example/announce?a=1",
                "http://t.example/announce#frag|http://t.example/announce?a=1",
                "http://t.example/announce?pk=x#frag|http://t.example/announce?pk=x&a=1"
            })
    void appendsParametersAfterWhateverQueryIsThere(String announce, String expected) {
        assertEquals(expected, TrackerUrls.withParameters(announce, "a=1"));
    }

    @Test
    void scrapeRepeatsInfoHashOncePerSwarm() {
        InfoHash other = InfoHash.fromHex("2b760aa178932030c847dcdf8eaebf560a1bd16c");

        assertEquals(
                "info_hash=%C0%FD%A1%ED%AF%DB%DB%B9dCBN%0B8%99%AFqY%D1%0E"
                        + "&info_hash=%2Bv%0A%A1x%93%200%C8G%DC%DF%8E%AE%BFV%0A%1B%D1l",
                AnnounceQuery.scrape(List.of(BASE_TORRENT, other)));
    }
}
