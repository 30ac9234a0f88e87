package dev.peerscout.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.control.Option;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** BEP 48 scrape URLs by the convention in protocols.md §7.1, with its examples. */
class ScrapeUrlTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://t.example/x/announce|http://t.example/x/scrape",
                "http://t.example/announce.php|http://t.example/scrape.php",
                "http://t.example/announce?x=2%0644|http://t.example/scrape?x=2%0644",
                "http://t.example/announce.php?pk=1|http://t.example/scrape.php?pk=1",
                "http://t.example/announce|http://t.example/scrape",
                "https://t.example:443/0123456789abcdef0123/announce|https://t.example:443/0123456789abcdef0123/scrape",
                "http://t.example/announce#frag|http://t.example/scrape"
            })
    void replacesAnnounceAtTheStartOfTheLastSegment(String announce, String scrape) {
        assertEquals(Option.some(scrape), TrackerUrls.scrapeUrl(announce));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://t.example/a",
                "http://t.example/announce?x=2/4",
                "http://t.example/x%064announce",
                "http://t.example/",
                "http://t.example:6969",
                "http://announce.example/",
                "http://t.example/Announce",
                "http://t.example/tracker/announce/"
            })
    void hasNoScrapeUrlOtherwise(String announce) {
        assertEquals(Option.none(), TrackerUrls.scrapeUrl(announce));
    }
}
