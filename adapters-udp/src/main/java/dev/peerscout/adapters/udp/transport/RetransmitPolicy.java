package dev.peerscout.adapters.udp.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * BEP 15 retransmission: try {@code n} (n = 0, 1, …, {@code maxExponent}) waits {@code base × 2^n}
 * for an answer; after the last wait the exchange gives up. BEP 15 says base 15 s and n up to 8
 * (9 tries over 2 h 7 min); callers with a short budget scale the base down instead of cutting the
 * schedule, and their deadline ends it sooner anyway.
 */
public record RetransmitPolicy(Duration base, int maxExponent) {
    public static final RetransmitPolicy BEP_15 = new RetransmitPolicy(Duration.ofSeconds(15), 8);

    public RetransmitPolicy {
        Objects.requireNonNull(base, "base");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("retransmit base must be positive: " + base);
        }
        if (maxExponent < 0 || maxExponent > 16) {
            throw new IllegalArgumentException("max exponent must be 0..16: " + maxExponent);
        }
    }

    /** How long try {@code n} waits for an answer. */
    public Duration wait(int n) {
        return base.multipliedBy(1L << Math.min(n, maxExponent));
    }

    /** Tries before giving up when no deadline comes first. */
    public int maxTries() {
        return maxExponent + 1;
    }
}
