package dev.peerscout.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {
    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1, 192.0.2.1:6969",
        "0:0:0:0:0:0:0:1, ::1, [::1]:6969",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1, [2001:db8::1:0:0:1]:6969",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1, [2001:db8:0:1:1:1:1:1]:6969"
    })
    void rfc5952ShortFormWithAndWithoutAPort(String literal, String text, String withPort) throws Exception {
        InetAddress address = InetAddress.getByName(literal);

        assertEquals(text, IpAddresses.text(address));
        assertEquals(withPort, IpAddresses.withPort(address, 6969));
    }
}
