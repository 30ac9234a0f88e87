package dev.peerscout.adapters.udp;

import dev.peerscout.domain.port.Resolver;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the UDP tracker client. {@link #defaults()} follows BEP 15 (15 s × 2^n, n = 0…8;
 * connection ids reused for 60 s). A caller with a short budget scales the retransmit base down
 * (e.g. 2 s gives tries at 0, 2, 6 s within a 10 s deadline); the deadline always ends a request.
 *
 * @param retransmitBase        the wait after the first try; try n waits {@code base × 2^n}
 * @param maxRetransmitExponent the last n; the request gives up after that try's wait
 * @param connectionIdLifetime  how long a tracker's connection id is reused
 * @param maxInFlightPerTracker requests with a datagram outstanding per tracker address; more wait
 *                              their turn, so bursts do not overflow the tracker's socket buffer
 * @param resolver              host names to addresses; called on the client's own DNS threads
 */
public record UdpTrackerConfig(
        Duration retransmitBase,
        int maxRetransmitExponent,
        Duration connectionIdLifetime,
        int maxInFlightPerTracker,
        Resolver resolver) {
    public static final Duration BEP15_RETRANSMIT_BASE = Duration.ofSeconds(15);
    public static final int BEP15_MAX_RETRANSMIT_EXPONENT = 8;
    public static final Duration BEP15_CONNECTION_ID_LIFETIME = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_TRACKER = 64;

    public UdpTrackerConfig {
        Objects.requireNonNull(retransmitBase, "retransmitBase");
        Objects.requireNonNull(connectionIdLifetime, "connectionIdLifetime");
        Objects.requireNonNull(resolver, "resolver");
        if (retransmitBase.isNegative() || retransmitBase.isZero()) {
            throw new IllegalArgumentException("retransmit base must be positive");
        }
        if (maxRetransmitExponent < 0 || maxRetransmitExponent > 16) {
            throw new IllegalArgumentException("max retransmit exponent must be 0..16");
        }
        if (connectionIdLifetime.isNegative() || connectionIdLifetime.isZero()) {
            throw new IllegalArgumentException("connection id lifetime must be positive");
        }
        if (maxInFlightPerTracker < 1) {
            throw new IllegalArgumentException("max in flight per tracker must be at least 1");
        }
    }

    public static UdpTrackerConfig defaults() {
        return new UdpTrackerConfig(
                BEP15_RETRANSMIT_BASE,
                BEP15_MAX_RETRANSMIT_EXPONENT,
                BEP15_CONNECTION_ID_LIFETIME,
                DEFAULT_MAX_IN_FLIGHT_PER_TRACKER,
                Resolver.system());
    }

    public UdpTrackerConfig withRetransmitBase(Duration base) {
        return new UdpTrackerConfig(base, maxRetransmitExponent, connectionIdLifetime, maxInFlightPerTracker, resolver);
    }

    public UdpTrackerConfig withMaxInFlightPerTracker(int max) {
        return new UdpTrackerConfig(retransmitBase, maxRetransmitExponent, connectionIdLifetime, max, resolver);
    }

    public UdpTrackerConfig withResolver(Resolver newResolver) {
        return new UdpTrackerConfig(
                retransmitBase, maxRetransmitExponent, connectionIdLifetime, maxInFlightPerTracker, newResolver);
    }
}
