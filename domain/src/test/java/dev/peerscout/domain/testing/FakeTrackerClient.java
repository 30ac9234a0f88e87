package dev.peerscout.domain.testing;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An in-memory tracker behind the {@link TrackerClient} port. By default every URL behaves like a
 * healthy opentracker sharing one peer table (announcers appear as 127.0.0.1 with their port).
 * Tests script a URL to fail, answer late or never, or return chosen peers, on the injected
 * scheduler's clock.
 */
public final class FakeTrackerClient implements TrackerClient {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Scheduler scheduler;
    private final Map<InfoHash, Map<PeerId, Member>> swarms = new HashMap<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    private final Set<String> unreached = ConcurrentHashMap.newKeySet();

    /** What a scripted URL does with an announce. */
    public record Script(Duration delay, Function<AnnounceRequest, Either<TrackerFailure, AnnounceResponse>> answer) {}

    /** One announce this fake received, in order. */
    public record Call(TrackerUrl tracker, AnnounceRequest request, Instant at) {}

    private record Member(Peer peer, long left) {}

    public FakeTrackerClient(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** This URL answers with {@code answer} after {@code delay}; a delay past the deadline times out. */
    public void script(
            String url, Duration delay, Function<AnnounceRequest, Either<TrackerFailure, AnnounceResponse>> answer) {
        scripts.put(url, new Script(delay, answer));
    }

    public void failWith(String url, Duration delay, TrackerFailure failure) {
        script(url, delay, request -> Either.left(failure));
    }

    /** This URL never answers: its calls end in a timeout at their deadline. */
    public void silent(String url) {
        script(url, Duration.ofDays(365), request -> Either.left(new TrackerFailure.Timeout(1, Duration.ZERO)));
    }

    /**
     * This URL's announces have not left until {@link #reached}: the call says its request cannot
     * have arrived, as a UDP client's does while the tracker has not answered its connect.
     */
    public void unreached(String url) {
        unreached.add(url);
    }

    public void reached(String url) {
        unreached.remove(url);
    }

    /** Nothing listens at this URL: its calls end at once, refused, as a closed port's do. */
    public void closed(String url) {
        closed.add(url);
    }

    public void answerWithPeers(String url, Duration delay, List<Peer> peers) {
        script(url, delay, request -> Either.right(response(peers, 0, 0)));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public static AnnounceResponse response(List<Peer> peers, int seeders, int leechers) {
        return new AnnounceResponse(
                Duration.ofMinutes(30),
                Option.some(Duration.ofMinutes(15)),
                Option.some(seeders),
                Option.some(leechers),
                peers,
                Option.none(),
                Option.none(),
                1);
    }

    @Override
    public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline) {
        // The rules every client keeps about the URL itself (see the contract), before anything is "sent".
        Option<TrackerFailure> refused = tracker.malformation()
                .<TrackerFailure>map(TrackerFailure.MalformedUrl::new)
                .orElse(() -> tracker.host().flatMap(host -> AddressFamily.excludedLiteral(host, request.families())));
        if (refused.isDefined()) {
            return CallInFlight.unsent(Either.left(refused.get()));
        }
        calls.add(new Call(tracker, request, scheduler.now()));
        if (closed.contains(tracker.value())) {
            return sentOnce(refused());
        }
        Script script = scripts.get(tracker.value());
        if (script == null) {
            return sentOnce(CompletableFuture.completedFuture(Either.right(joinSwarm(request))));
        }
        String url = tracker.value();
        return CallInFlight.of(
                later(script.delay(), deadline, () -> script.answer().apply(request)),
                () -> 1,
                () -> !unreached.contains(url));
    }

    @Override
    public CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
            TrackerUrl tracker, List<InfoHash> hashes, Instant deadline) {
        if (closed.contains(tracker.value())) {
            return sentOnce(refused());
        }
        Script script = scripts.get(tracker.value());
        if (script != null) {
            // Scripted URLs only script announces; a scrape gets the same failure, if any.
            return sentOnce(later(
                    script.delay(), deadline, () -> script.answer().apply(null).map(ok -> stats(hashes))));
        }
        return sentOnce(CompletableFuture.completedFuture(Either.right(stats(hashes))));
    }

    /** Every call the fake accepts is one request, sent the moment the call is made. */
    private static <T> CallInFlight<T> sentOnce(CompletableFuture<T> outcome) {
        return CallInFlight.of(outcome, () -> 1);
    }

    private static <T> CompletableFuture<Either<TrackerFailure, T>> refused() {
        return CompletableFuture.completedFuture(
                Either.left(new TrackerFailure.Unreachable("connection refused", 1, true)));
    }

    private <T> CompletableFuture<Either<TrackerFailure, T>> later(
            Duration delay, Instant deadline, java.util.function.Supplier<Either<TrackerFailure, T>> answer) {
        CompletableFuture<Either<TrackerFailure, T>> future = new CompletableFuture<>();
        Instant start = scheduler.now();
        Duration untilDeadline = Duration.between(start, deadline);
        if (delay.compareTo(untilDeadline) > 0) {
            scheduler.schedule(
                    untilDeadline, () -> future.complete(Either.left(new TrackerFailure.Timeout(1, untilDeadline))));
        } else {
            scheduler.schedule(delay, () -> future.complete(answer.get()));
        }
        return future;
    }

    private synchronized AnnounceResponse joinSwarm(AnnounceRequest request) {
        Map<PeerId, Member> swarm = swarms.computeIfAbsent(request.infoHash(), h -> new LinkedHashMap<>());
        if (request.event() == AnnounceEvent.STOPPED) {
            swarm.remove(request.peerId());
            return response(List.of(), seeders(swarm), swarm.size() - seeders(swarm));
        }
        swarm.put(request.peerId(), new Member(new Peer(LOOPBACK, Math.max(1, request.port())), request.left()));
        List<Peer> peers = new ArrayList<>();
        swarm.values().forEach(member -> peers.add(member.peer()));
        return response(peers, seeders(swarm), swarm.size() - seeders(swarm));
    }

    private synchronized ScrapeResponse stats(List<InfoHash> hashes) {
        Map<InfoHash, ScrapeStats> stats = new HashMap<>();
        for (InfoHash hash : hashes) {
            Map<PeerId, Member> swarm = swarms.getOrDefault(hash, Map.of());
            stats.put(hash, new ScrapeStats(seeders(swarm), 0, swarm.size() - seeders(swarm)));
        }
        return new ScrapeResponse(stats, 1);
    }

    private static int seeders(Map<PeerId, Member> swarm) {
        return (int)
                swarm.values().stream().filter(member -> member.left() == 0).count();
    }
}
