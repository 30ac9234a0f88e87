package dev.peerscout.adapters.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BootstrapProgressTest {
    private static final InetSocketAddress V4 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881);
    private static final InetSocketAddress V6 = new InetSocketAddress(address("::1"), 6881);

    @Test
    void keepsOnlyTheAddressesOfTheAllowedFamilies() {
        BootstrapProgress v4Only = new BootstrapProgress(Set.of(AddressFamily.IPV4));
        assertEquals(List.of(V4), v4Only.usable(Either.right(List.of(V6, V4))));
        assertEquals(List.of(), v4Only.usable(Either.left("unknown host")));
    }

    @Test
    void theLastNodeDoneIsSaidOnce() {
        BootstrapProgress progress = new BootstrapProgress(Set.of(AddressFamily.IPV4));
        progress.expect(2);
        assertFalse(progress.resolved());
        assertFalse(progress.noneResolved());
        assertTrue(progress.failed(1, new HostPort("b.example", 1), Either.left("unknown host")));
    }

    @Test
    void failuresAreNamedInTheSearchsOrderThreeAtMost() {
        BootstrapProgress progress = new BootstrapProgress(Set.of(AddressFamily.IPV4, AddressFamily.IPV6));
        progress.expect(5);
        for (int position : new int[] {4, 2, 0, 3, 1}) {
            progress.failed(position, new HostPort("n" + position + ".example", 6881), Either.left("why " + position));
        }
        assertTrue(progress.noneResolved());
        assertEquals(
                "no DHT bootstrap node resolved: n0.example:6881 (why 0), n1.example:6881 (why 1),"
                        + " n2.example:6881 (why 2) and 2 more",
                progress.whyNoStart());
        assertEquals(
                "no DHT bootstrap node resolved before the deadline: n0.example:6881 (why 0),"
                        + " n1.example:6881 (why 1), n2.example:6881 (why 2) and 2 more",
                progress.whyNoStartByDeadline());
    }

    @Test
    void aNodeWithAddressesOfOtherFamiliesOnlySaysSo() {
        BootstrapProgress v6Only = new BootstrapProgress(Set.of(AddressFamily.IPV6));
        v6Only.expect(1);
        Either<String, List<InetSocketAddress>> onlyV4 = Either.right(List.of(V4));
        assertTrue(v6Only.failed(0, new HostPort("router.example", 6881), onlyV4));
        assertEquals("no DHT bootstrap node resolved: router.example:6881 (no IPv6 address)", v6Only.whyNoStart());

        BootstrapProgress v4Only = new BootstrapProgress(Set.of(AddressFamily.IPV4));
        v4Only.expect(1);
        v4Only.failed(0, new HostPort("router.example", 6881), Either.right(List.of(V6)));
        assertEquals("no DHT bootstrap node resolved: router.example:6881 (no IPv4 address)", v4Only.whyNoStart());
    }

    @Test
    void withoutAnyNodeTheSearchSaysNoneWasGiven() {
        BootstrapProgress progress = new BootstrapProgress(Set.of(AddressFamily.IPV4));
        progress.expect(0);
        assertTrue(progress.noneResolved());
        assertEquals("no DHT bootstrap node given and no default routers", progress.whyNoStart());
        assertEquals("no DHT bootstrap node resolved before the deadline", progress.whyNoStartByDeadline());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
