package dev.peerscout.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.TrackerFailure;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FamilyRouteTest {
    private static final InetAddress V4 = literal("192.0.2.1");
    private static final InetAddress V6 = literal("2001:db8::1");

    @Test
    void theFirstAddressIsUsedWhenItsFamilyIsAllowed() {
        assertEquals(Either.right(V4), FamilyRoute.choose("t.example", List.of(V4, V6), Set.of(AddressFamily.IPV4)));
        assertEquals(Either.right(V6), FamilyRoute.choose("t.example", List.of(V6, V4), Set.of(AddressFamily.IPV6)));
        assertEquals(
                Either.right(V6), FamilyRoute.choose("t.example", List.of(V6), EnumSet.allOf(AddressFamily.class)));
    }

    @Test
    void aHostWithoutAnAllowedAddressIsADnsFailure() {
        assertEquals(
                Either.left(new TrackerFailure.DnsFailure("t.example", "no IPv6 address")),
                FamilyRoute.choose("t.example", List.of(V4), Set.of(AddressFamily.IPV6)));
        assertEquals(
                Either.left(new TrackerFailure.DnsFailure("t.example", "no address")),
                FamilyRoute.choose("t.example", List.of(), Set.of(AddressFamily.IPV6)));
    }

    @Test
    void aDualStackHostIsAskedAtItsFirstAddressOfTheAllowedFamily() {
        assertEquals(Either.right(V6), FamilyRoute.choose("t.example", List.of(V4, V6), Set.of(AddressFamily.IPV6)));
        assertEquals(Either.right(V4), FamilyRoute.choose("t.example", List.of(V6, V4), Set.of(AddressFamily.IPV4)));
    }

    @Test
    void onlyASingleFamilyRestricts() {
        assertTrue(FamilyRoute.restricts(Set.of(AddressFamily.IPV4)));
        assertFalse(FamilyRoute.restricts(EnumSet.allOf(AddressFamily.class)));
    }

    private static InetAddress literal(String text) {
        return TrackerReplies.literalAddress(text).get();
    }
}
