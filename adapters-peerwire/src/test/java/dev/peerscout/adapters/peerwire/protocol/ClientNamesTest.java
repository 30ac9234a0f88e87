package dev.peerscout.adapters.peerwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientNamesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "-LT2080-abcdefghijkl|libtorrent 2.0.8",
                "-TR3000-abcdefghijkl|Transmission 3.00",
                "-TR4050-abcdefghijkl|Transmission 4.0.5",
                "-qB4560-abcdefghijkl|qBittorrent 4.5.6",
                "A2-1-36-0-abcdefghij|aria2 1.36.0",
                "M4-3-6--abcdefghijkl|Mainline 4.3.6",
                "S58B-----abcdefghijk|Shadow 5.8.11",
                "-ZZ1234-abcdefghijkl|",
                "abcdefghijklmnopqrst|",
            })
    void decodesTheBep20Styles(String id, String client) {
        assertEquals(Option.of(client), ClientNames.fromPeerId(id.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
