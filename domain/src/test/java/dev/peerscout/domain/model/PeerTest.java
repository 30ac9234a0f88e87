package dev.peerscout.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerTest {

    @ParameterizedTest
    @CsvSource({
        "1.2.3.4, 1.2.3.4:6881",
        "::1, [::1]:6881",
        "::, [::]:6881",
        "2001:db8:0:0:0:0:0:1, [2001:db8::1]:6881",
        "2001:db8:0:0:1:0:0:1, [2001:db8::1:0:0:1]:6881",
        "2001:db8:0:1:1:1:1:1, [2001:db8:0:1:1:1:1:1]:6881",
        "fe80:0:0:0:0:0:0:0, [fe80::]:6881",
        "2a01:4f8:c17:5b1:0:0:0:2, [2a01:4f8:c17:5b1::2]:6881"
    })
    void writesAddressesAsPeopleDo(String address, String expected) throws Exception {
        assertEquals(expected, new Peer(InetAddress.getByName(address), 6881).toString());
    }
}
