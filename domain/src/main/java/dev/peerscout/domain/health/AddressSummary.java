package dev.peerscout.domain.health;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
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
public record AddressSummary(TrackerUrl url, Option<InetAddress> address, int checks, int alive,
        Option<Duration> median, Option<Duration> p95, Option<Duration> max, Map<CheckStatus, Integer> failures) {

    public AddressSummary {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(address, "address");
        failures = Collections.unmodifiableMap(failures.isEmpty() ? new EnumMap<>(CheckStatus.class) : new EnumMap<>(failures));
    }

    public Option<AddressFamily> family() {
        return address.map(AddressFamily::of);
    }

    /** Share of checks it answered, 0 to 100. */
    public double uptimePercent() {
        return checks == 0 ? 0 : 100.0 * alive / checks;
    }

    /** Gathers one address's checks as rounds end. Not thread-safe: the watch serialises calls. */
    static final class Tally {
        private final TrackerUrl url;
        private final Option<InetAddress> address;
        private final List<Duration> latencies = new ArrayList<>();
        private final Map<CheckStatus, Integer> failures = new EnumMap<>(CheckStatus.class);
        private int checks;

        Tally(TrackerUrl url, Option<InetAddress> address) {
            this.url = url;
            this.address = address;
        }

        void add(AddressCheck check) {
            checks++;
            if (check.alive()) {
                latencies.add(check.latency().getOrElse(Duration.ZERO));
            } else {
                failures.merge(check.status(), 1, Integer::sum);
            }
        }

        AddressSummary summary() {
            List<Duration> sorted = latencies.stream().sorted().toList();
            return new AddressSummary(url, address, checks, sorted.size(), percentile(sorted, 50), percentile(sorted, 95),
                    sorted.isEmpty() ? Option.none() : Option.some(sorted.get(sorted.size() - 1)), failures);
        }

        /** Nearest rank: the smallest value with at least {@code p} percent of the values at or below it. */
        static Option<Duration> percentile(List<Duration> sorted, int p) {
            if (sorted.isEmpty()) {
                return Option.none();
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return Option.some(sorted.get(Math.max(0, rank - 1)));
        }
    }
}
