package dev.peerscout.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackerUrlTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "udp://tracker.example:6969/announce | udp://tracker.example:6969/announce",
                "udp://tracker.example:6969 | udp://tracker.example:6969",
                "https://t.example/0123456789abcdef0123456789abcdef/announce | https://t.example/***/announce",
                "http://t.example/announce.php?passkey=s3cr3t&info=1 | http://t.example/announce.php?passkey=***&info=***",
                "http://t.example/announce?0123456789abcdef0123 | http://t.example/announce?***",
                "http://t.example/announce;passkey=abcdef0123456789abcd | http://t.example/announce;passkey=***",
                "http://user:pw@t.example/announce | http://***@t.example/announce",
                "tracker.example:80/announce | tracker.example:80/announce"
            })
    void redactsWhatMayBeASecret(String url, String shown) {
        assertEquals(shown, TrackerUrl.of(url).redacted());
        assertEquals(url, TrackerUrl.of(url).display(true));
    }

    @ParameterizedTest
    @CsvSource({"udp://t:1, udp", "HTTP://t/announce, http", "wss://t, wss"})
    void knowsItsScheme(String url, String scheme) {
        assertEquals(scheme, TrackerUrl.of(url).scheme().get());
    }

    @Test
    void aTextThatRepeatsTheUrlsSecretsIsMaskedTheSameWay() {
        TrackerUrl url = TrackerUrl.of(
                "http://user:pw1234@t.example/0123456789abcdef0123/announce;key=abcdef?passkey=s3cr3t&compact=1");

        assertEquals(
                "bad passkey ***, ***, *** (***) compact=1",
                url.redactIn("bad passkey 0123456789abcdef0123, s3cr3t, abcdef (user:pw1234) compact=1"));
        assertEquals("s3cr3t", url.displayIn("s3cr3t", true));
        assertTrue(url.hasSecrets());
        assertFalse(TrackerUrl.of("udp://t.example:6969/announce").hasSecrets());
    }

    @ParameterizedTest
    @CsvSource({
        "http://h:99999/announce, port 99999 is out of range",
        "udp://[::1]:70000, port 70000 is out of range",
        "udp://h:000000080/x, ''",
        "http://h:65535/a, ''",
        "http://h/a:99999, ''",
        "h:99999, ''"
    })
    void aPortBeyond65535IsAMalformation(String url, String problem) {
        assertEquals(problem, TrackerUrl.of(url).malformation().getOrElse(""));
    }

    @ParameterizedTest
    @CsvSource({"http://u@h.example:80/a, h.example", "udp://[::1]:6969, ::1", "udp://127.0.0.1:1, 127.0.0.1"})
    void knowsItsHost(String url, String host) {
        assertEquals(host, TrackerUrl.of(url).host().get());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "UDP://Tracker.Example:6969/ | udp://tracker.example:6969",
                "udp://h:1 | udp://h:1",
                "HTTP://T.example:80/announce/ | http://t.example/announce",
                "https://t.example:443/Announce?PK=AbC | https://t.example/Announce?PK=AbC",
                "https://t.example:8443/announce | https://t.example:8443/announce",
                "http://User@T.example:80/ | http://User@t.example",
                "udp://[::1]:6969/announce | udp://[::1]:6969/announce",
                "http://[::1]/ | http://[::1]",
                "tracker.example:80/announce/ | tracker.example:80/announce/"
            })
    void normalisesWhatDoesNotMakeItAnotherTracker(String url, String normalized) {
        assertEquals(normalized, TrackerUrl.of(url).normalized().value());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "udp://h:1 | UDP://H:1/ | true",
                "http://h/announce | http://h:80/announce/ | true",
                "http://h/announce | https://h/announce | false",
                "http://h:8080/announce | http://h/announce | false",
                "http://h/announce | http://h/Announce | false"
            })
    void knowsTheSameTrackerWrittenDifferently(String a, String b, boolean same) {
        assertEquals(same, TrackerUrl.of(a).sameTrackerAs(TrackerUrl.of(b)));
    }
}
