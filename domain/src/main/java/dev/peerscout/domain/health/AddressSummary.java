package dev.peerscout.domain.health;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A watched tracker address over every round it was checked in.
 *
 * @param address  none for the rounds in which the URL had no address (its name did not resolve)
 * @param checks   rounds that checked it
 * @param alive    rounds in which it answered (even with an error)
 * @param median   latency (connect + announce) of the answering rounds, nearest-rank; likewise p95
 * @param failures rounds it did not answer, by status
 */
public record AddressSummary(
        TrackerUrl url,
        Option<InetAddress> address,
        int checks,
        int alive,
        Option<Duration> median,
        Option<Duration> p95,
        Option<Duration> max,
        Map<CheckStatus, Integer> failures) {

    public AddressSummary {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(address, "address");
        failures = Collections.unmodifiableMap(
                failures.isEmpty() ? new EnumMap<>(CheckStatus.class) : new EnumMap<>(failures));
    }

    public Option<AddressFamily> family() {
        return address.map(AddressFamily::of);
    }

    /** Share of checks it answered, 0 to 100. */
    public double uptimePercent() {
        return checks == 0 ? 0 : 100.0 * alive / checks;
    }

    /**
     * Gathers one address's checks as rounds end, in constant memory however long a watch runs:
     * latencies go into fixed log-scaled buckets (each 5 % wider than the one before) from 1 ms up
     * to the timeout. A percentile is the largest latency seen in the bucket that holds its nearest
     * rank, so it is exact when that bucket saw one value and at most 5 % above the exact one
     * otherwise; the maximum is kept exactly. Not thread-safe: the watch serialises calls.
     */
    static final class Tally {
        /** Bucket {@code i} holds latencies in [GROWTH^(i-1), GROWTH^i) ms; bucket 0 those under 1 ms. */
        private static final double GROWTH = 1.05;

        private final TrackerUrl url;
        private final Option<InetAddress> address;
        private final long[] counts;
        private final long[] largestNanos;
        private final Map<CheckStatus, Integer> failures = new EnumMap<>(CheckStatus.class);
        private long timed;
        private long maxNanos = -1;
        private int checks;
        private int alive;

        Tally(TrackerUrl url, Option<InetAddress> address, Duration timeout) {
            this.url = url;
            this.address = address;
            int buckets = bucket(timeout.toNanos()) + 1;
            this.counts = new long[buckets];
            this.largestNanos = new long[buckets];
        }

        void add(AddressCheck check) {
            checks++;
            if (!check.alive()) {
                failures.merge(check.status(), 1, Integer::sum);
                return;
            }
            alive++;
            // An answer without a measured latency says nothing about speed: not counted as 0 ms.
            check.latency().forEach(latency -> {
                long nanos = Math.max(0, latency.toNanos());
                int bucket = Math.min(bucket(nanos), counts.length - 1);
                counts[bucket]++;
                largestNanos[bucket] = Math.max(largestNanos[bucket], nanos);
                maxNanos = Math.max(maxNanos, nanos);
                timed++;
            });
        }

        AddressSummary summary() {
            return new AddressSummary(
                    url,
                    address,
                    checks,
                    alive,
                    percentile(50),
                    percentile(95),
                    timed == 0 ? Option.none() : Option.some(Duration.ofNanos(maxNanos)),
                    failures);
        }

        /** Nearest rank: the bucket of the smallest value with at least {@code p} percent of the values at or below it. */
        private Option<Duration> percentile(int p) {
            if (timed == 0) {
                return Option.none();
            }
            long rank = Math.max(1, (long) Math.ceil(p / 100.0 * timed));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Option.some(Duration.ofNanos(largestNanos[i]));
                }
            }
            return Option.some(Duration.ofNanos(maxNanos));
        }

        private static int bucket(long nanos) {
            double ms = nanos / 1e6;
            return ms < 1 ? 0 : 1 + (int) Math.floor(Math.log(ms) / Math.log(GROWTH));
        }
    }
}
