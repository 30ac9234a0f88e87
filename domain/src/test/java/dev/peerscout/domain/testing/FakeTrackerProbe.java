package dev.peerscout.domain.testing;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Trackers behind the {@link TrackerProbe} port, scripted per URL and address on the injected
 * scheduler's clock: answer after a delay, answer with an error, refuse, or stay silent until the
 * deadline. Scripts may change between rounds (a tracker that goes down and comes back). Unscripted
 * addresses are silent.
 */
public final class FakeTrackerProbe implements TrackerProbe {
    /** The connect time every answering UDP-like address reports. */
    public static final Duration CONNECT = Duration.ofMillis(5);

    private static final TrackerFailure UNSUPPORTED = new TrackerFailure.Unsupported("not a tracker scheme");

    private final Scheduler scheduler;
    private final Map<String, Either<TrackerFailure, List<InetAddress>>> names = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** One announce received, in order. */
    public record Call(TrackerUrl tracker, InetAddress address, AnnounceRequest request, Instant deadline) {}

    private record Behaviour(Duration after, Option<TrackerFailure> failure) {}

    public FakeTrackerProbe(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public FakeTrackerProbe resolves(String url, InetAddress... addresses) {
        names.put(url, Either.right(List.of(addresses)));
        return this;
    }

    public FakeTrackerProbe doesNotResolve(String url) {
        names.put(url, Either.left(new TrackerFailure.DnsFailure("host", "unknown host")));
        return this;
    }

    /** Announce and scrape each answer {@code after} they are asked. */
    public FakeTrackerProbe answers(String url, InetAddress address, Duration after) {
        behaviours.put(key(url, address), new Behaviour(after, Option.none()));
        return this;
    }

    public FakeTrackerProbe rejects(String url, InetAddress address, String reason, Duration after) {
        behaviours.put(key(url, address), new Behaviour(after, Option.some(new TrackerFailure.Rejected(reason, 1))));
        return this;
    }

    public FakeTrackerProbe refuses(String url, InetAddress address) {
        behaviours.put(
                key(url, address),
                new Behaviour(
                        Duration.ZERO, Option.some(new TrackerFailure.Unreachable("connection refused", 1, true))));
        return this;
    }

    public FakeTrackerProbe silent(String url, InetAddress address) {
        behaviours.remove(key(url, address));
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public CompletableFuture<Either<TrackerFailure, List<InetAddress>>> addresses(
            TrackerUrl tracker, Set<AddressFamily> families, Instant deadline) {
        if (!speaks(tracker)) {
            return CompletableFuture.completedFuture(Either.left(UNSUPPORTED));
        }
        Either<TrackerFailure, List<InetAddress>> known =
                names.getOrDefault(tracker.value(), Either.left(new TrackerFailure.DnsFailure("host", "unknown host")));
        return CompletableFuture.completedFuture(known.flatMap(all -> {
            List<InetAddress> allowed = all.stream()
                    .filter(address -> families.contains(AddressFamily.of(address)))
                    .toList();
            return allowed.isEmpty()
                    ? Either.left(new TrackerFailure.DnsFailure("host", "no address of an allowed family"))
                    : Either.right(allowed);
        }));
    }

    @Override
    public CompletableFuture<Step<AnnounceResponse>> announce(
            TrackerUrl tracker, InetAddress address, AnnounceRequest request, Instant deadline) {
        calls.add(new Call(tracker, address, request, deadline));
        return step(
                tracker,
                address,
                deadline,
                () -> new AnnounceResponse(
                        Duration.ofSeconds(1800),
                        Option.some(Duration.ofSeconds(900)),
                        Option.some(1),
                        Option.some(0),
                        List.of(),
                        Option.none(),
                        Option.none(),
                        1));
    }

    @Override
    public CompletableFuture<Step<ScrapeResponse>> scrape(
            TrackerUrl tracker, InetAddress address, List<InfoHash> swarms, Instant deadline) {
        return step(
                tracker,
                address,
                deadline,
                () -> new ScrapeResponse(Map.of(swarms.get(0), new ScrapeStats(1, 0, 0)), 1));
    }

    private <T> CompletableFuture<Step<T>> step(
            TrackerUrl tracker, InetAddress address, Instant deadline, java.util.function.Supplier<T> answer) {
        if (!speaks(tracker)) {
            return CompletableFuture.completedFuture(Step.failed(UNSUPPORTED));
        }
        CompletableFuture<Step<T>> result = new CompletableFuture<>();
        Instant start = scheduler.now();
        Behaviour behaviour = behaviours.get(key(tracker.value(), address));
        if (behaviour == null) {
            scheduler.schedule(
                    Duration.between(start, deadline),
                    () -> result.complete(new Step<>(
                            Either.left(new TrackerFailure.Timeout(1, Duration.between(start, deadline))),
                            Option.none(),
                            Duration.between(start, deadline))));
            return result;
        }
        Either<TrackerFailure, T> outcome = behaviour.failure().isDefined()
                ? Either.left(behaviour.failure().get())
                : Either.right(answer.get());
        Option<Duration> connect = behaviour.failure().exists(f -> f.kind() == TrackerFailure.Kind.UNREACHABLE)
                ? Option.none()
                : Option.some(CONNECT);
        scheduler.schedule(behaviour.after(), () -> result.complete(new Step<>(outcome, connect, behaviour.after())));
        return result;
    }

    private static boolean speaks(TrackerUrl tracker) {
        return tracker.scheme().exists(scheme -> List.of("udp", "http", "https").contains(scheme));
    }

    private static String key(String url, InetAddress address) {
        return url + " " + address.getHostAddress();
    }
}
