package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.AnnounceReply;
import dev.peerscout.adapters.udp.protocol.ScrapeReply;
import dev.peerscout.adapters.udp.protocol.ScrapeRequest;
import dev.peerscout.adapters.udp.transport.Answered;
import dev.peerscout.adapters.udp.transport.TrackerKey;
import dev.peerscout.adapters.udp.transport.UdpTransport;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStatsMap;
import dev.peerscout.domain.net.HostResolver;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The UDP client's {@link TrackerProbe}: the same transport, sockets and connection ids, with each
 * call sent to one address. Connection ids are kept per address and port (not per host name), so
 * every URL of one tracker address, whatever its path, shares one connect.
 */
final class UdpTrackerProbe implements TrackerProbe {
    /** What opentracker sends for an info hash outside its whitelist: an announce header, no more. */
    private static final int BARE_ANNOUNCE_REPLY = 8;

    static final String BARE_REPLY_REASON =
            "announce refused without a reason (an 8-byte reply: how opentracker refuses an info hash it does not track)";

    private final Scheduler scheduler;
    private final HostResolver hosts;
    private final UdpTransport transport;
    private final Function<TrackerUrl, Either<String, UdpTrackerUrl>> parse;

    UdpTrackerProbe(
            Scheduler scheduler,
            HostResolver hosts,
            UdpTransport transport,
            Function<TrackerUrl, Either<String, UdpTrackerUrl>> parse) {
        this.scheduler = scheduler;
        this.hosts = hosts;
        this.transport = transport;
        this.parse = parse;
    }

    @Override
    public CompletableFuture<Either<TrackerFailure, List<InetAddress>>> addresses(
            TrackerUrl tracker, Set<AddressFamily> families, Instant deadline) {
        Either<String, UdpTrackerUrl> parsed = parse.apply(tracker);
        if (parsed.isLeft()) {
            return CompletableFuture.completedFuture(Either.left(new TrackerFailure.Unsupported(parsed.getLeft())));
        }
        String host = parsed.get().host();
        return hosts.resolve(host, deadline)
                .thenApply(resolved -> resolved.flatMap(all -> {
                    List<InetAddress> allowed = all.stream()
                            .filter(a -> families.contains(AddressFamily.of(a)))
                            .toList();
                    return allowed.isEmpty()
                            ? Either.left(AddressFamily.noAddressOf(host, families))
                            : Either.right(allowed);
                }));
    }

    @Override
    public CompletableFuture<Step<AnnounceResponse>> announce(
            TrackerUrl tracker, InetAddress address, AnnounceRequest request, Instant deadline) {
        Either<String, UdpTrackerUrl> parsed = parse.apply(tracker);
        if (parsed.isLeft()) {
            return CompletableFuture.completedFuture(Step.failed(new TrackerFailure.Unsupported(parsed.getLeft())));
        }
        UdpTrackerUrl url = parsed.get();
        Instant started = scheduler.now();
        TimedOperation<Option<AnnounceReply>> timed = new TimedOperation<>(
                new AnnounceOperation(request, url.pathAndQuery()),
                (datagram, family) -> datagram.remaining() == BARE_ANNOUNCE_REPLY
                        ? Either.right(Option.none())
                        : AnnounceReply.decode(datagram, family).map(Option::some),
                scheduler);
        return transport.exchange(
                new InetSocketAddress(address, url.port()),
                keyOf(address, url.port()),
                timed,
                started,
                deadline,
                result -> new Step<>(announced(result), timed.connectTook(), timed.requestTook(started)));
    }

    @Override
    public CompletableFuture<Step<ScrapeResponse>> scrape(
            TrackerUrl tracker, InetAddress address, List<InfoHash> swarms, Instant deadline) {
        if (swarms.isEmpty() || swarms.size() > ScrapeRequest.MAX_HASHES) {
            throw new IllegalArgumentException("a probe scrapes 1 to " + ScrapeRequest.MAX_HASHES + " swarms");
        }
        Either<String, UdpTrackerUrl> parsed = parse.apply(tracker);
        if (parsed.isLeft()) {
            return CompletableFuture.completedFuture(Step.failed(new TrackerFailure.Unsupported(parsed.getLeft())));
        }
        UdpTrackerUrl url = parsed.get();
        Instant started = scheduler.now();
        ScrapeStatsMap.Builder counts = ScrapeStatsMap.builder(swarms.size());
        swarms.forEach(counts::add);
        List<InfoHash> batch = counts.swarms();
        ScrapeOperation scrape = new ScrapeOperation(batch);
        TimedOperation<ScrapeReply> timed = new TimedOperation<>(scrape, scrape::decode, scheduler);
        return transport.exchange(
                new InetSocketAddress(address, url.port()),
                keyOf(address, url.port()),
                timed,
                started,
                deadline,
                result -> new Step<>(
                        Outcomes.scrape(counts, List.of(batch), List.of(result)),
                        timed.connectTook(),
                        timed.requestTook(started)));
    }

    private static Either<TrackerFailure, AnnounceResponse> announced(
            Either<TrackerFailure, Answered<Option<AnnounceReply>>> result) {
        if (result.isRight() && result.get().reply().isEmpty()) {
            return Either.left(
                    new TrackerFailure.Rejected(BARE_REPLY_REASON, result.get().attempts()));
        }
        return Outcomes.announce(
                result.map(answered -> new Answered<>(answered.reply().get(), answered.attempts())));
    }

    private static TrackerKey keyOf(InetAddress address, int port) {
        return new TrackerKey(address.getHostAddress(), port, AddressFamily.of(address));
    }
}
