package dev.peerscout.domain.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.TrackerUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1,false",
        "10.1.2.3,false",
        "172.16.0.1,false",
        "192.168.1.1,false",
        "169.254.1.1,false",
        "100.64.0.1,false",
        "0.0.0.0,false",
        "224.0.0.1,false",
        "255.255.255.255,false",
        "198.18.0.1,false",
        "192.0.2.1,false",
        "::1,false",
        "fe80::1,false",
        "fd00::1,false",
        "ff02::1,false",
        "::ffff:10.0.0.1,false",
        "2001:db8::1,false",
        "93.184.216.34,true",
        "8.8.8.8,true",
        "2606:4700::1111,true",
        "::ffff:8.8.8.8,true",
    })
    void publicOnlyWhenNoOneCouldCallItTheirOwn(String ip, boolean isPublic) {
        assertEquals(isPublic, Addresses.isPublic(Addresses.literal(ip).get()), ip);
    }

    @ParameterizedTest
    @CsvSource({"tracker.example", "localhost", "1.2.3", "::g"})
    void hostNamesAreNotLookedUp(String host) {
        assertTrue(Addresses.literal(host).isEmpty(), host);
    }

    @ParameterizedTest
    @CsvSource({
        "udp://127.0.0.1:6969/announce,127.0.0.1",
        "http://user:pw@[::1]:80/a,[::1]",
        "https://t.example/x?y=1,t.example",
        "udp://t.example,t.example",
    })
    void aTrackersHost(String url, String host) {
        assertEquals(host, AddressPolicy.host(TrackerUrl.of(url)));
    }
}
