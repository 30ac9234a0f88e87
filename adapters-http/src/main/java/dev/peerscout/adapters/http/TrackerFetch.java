package dev.peerscout.adapters.http;

import dev.peerscout.adapters.http.AddressedExchange.Answer;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.net.HostResolver;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One GET of a tracker call, redirects included: the host is resolved on the resolver's bounded
 * threads (a name that does not resolve by the deadline is a {@code dns} failure and nothing is
 * sent), an address is chosen ({@link FamilyRoute}), and the request goes there through
 * {@link AddressedExchange}. Redirects are followed here so that their number is ours to bound and
 * an https tracker can never be downgraded to plain http.
 */
final class TrackerFetch {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpTrackerConfig config;
    private final HostResolver hosts;
    private final AddressedExchange exchange;

    TrackerFetch(HttpTrackerConfig config, HostResolver hosts, AddressedExchange exchange) {
        this.config = config;
        this.hosts = hosts;
        this.exchange = exchange;
    }

    /** A final (non-redirect) answer, its body decoded. */
    record Fetched(int status, byte[] body) {}

    /**
     * GETs {@code uri} and returns the final status and decoded body. With an address, nothing is
     * resolved: the request goes there (already of an allowed family, chosen by the caller), and
     * so does a redirect to the same host.
     */
    CompletableFuture<Either<TrackerFailure, Fetched>> get(
            TrackerCall<?> call, URI uri, Set<AddressFamily> families, int redirects, Option<InetAddress> at) {
        if (at.isDefined()) {
            return send(call, uri, at.get()).thenCompose(sent -> answered(call, uri, sent, families, redirects, at));
        }
        String host = FamilyRoute.hostOf(uri);
        call.resolving(host);
        return call.track(hosts.resolve(host, call.deadline())).thenCompose(resolved -> {
            call.resolved();
            if (resolved.isLeft()) {
                return done(Either.left(resolved.getLeft()));
            }
            Either<TrackerFailure, InetAddress> address = route(uri, resolved.get(), families);
            return address.isLeft()
                    ? done(Either.left(address.getLeft()))
                    : send(call, uri, address.get())
                            .thenCompose(sent -> answered(call, uri, sent, families, redirects, Option.none()));
        });
    }

    /**
     * The first address, as {@code InetAddress.getByName} would pick it; when the user excluded a
     * family, {@link FamilyRoute} decides.
     */
    private static Either<TrackerFailure, InetAddress> route(
            URI uri, List<InetAddress> addresses, Set<AddressFamily> families) {
        String host = FamilyRoute.hostOf(uri);
        if (!FamilyRoute.restricts(families)) {
            return addresses.isEmpty()
                    ? Either.left(new TrackerFailure.DnsFailure(host, "no address"))
                    : Either.right(addresses.get(0));
        }
        Option<TrackerFailure> excluded = AddressFamily.excludedLiteral(host, families);
        return excluded.isDefined() ? Either.left(excluded.get()) : FamilyRoute.choose(host, addresses, families);
    }

    private CompletableFuture<Either<TrackerFailure, Fetched>> answered(
            TrackerCall<?> call,
            URI uri,
            Either<TrackerFailure, Answer> sent,
            Set<AddressFamily> families,
            int redirects,
            Option<InetAddress> at) {
        if (sent.isLeft()) {
            return done(Either.left(sent.getLeft()));
        }
        Answer answer = sent.get();
        if (REDIRECTS.contains(answer.status()) && answer.location().isDefined()) {
            return redirect(uri, answer.location().get(), redirects)
                    .fold(
                            failure -> done(Either.left(failure)),
                            next -> get(
                                    call,
                                    next,
                                    families,
                                    redirects + 1,
                                    at.filter(same -> FamilyRoute.hostOf(next).equals(FamilyRoute.hostOf(uri)))));
        }
        return done(body(answer));
    }

    private Either<TrackerFailure, URI> redirect(URI from, String location, int redirectsSoFar) {
        if (redirectsSoFar >= config.maxRedirects()) {
            return Either.left(new TrackerFailure.Malformed("more than " + config.maxRedirects() + " redirects", 1));
        }
        URI next;
        try {
            String target = location.strip();
            // java.net.URI resolves by RFC 2396, where a query alone also drops the path's last
            // segment (/a/announce + ?x gives /a/?x); RFC 3986 keeps the path and replaces the query.
            next = target.startsWith("?") ? URI.create(withoutQuery(from) + target) : from.resolve(target);
        } catch (IllegalArgumentException e) {
            return Either.left(new TrackerFailure.Malformed(
                    "redirect to an invalid URL: " + BodyPreview.of(location.getBytes(StandardCharsets.UTF_8)), 1));
        }
        Either<TrackerFailure, URI> valid = TrackerUrls.httpUri(next.toString());
        if (valid.isLeft()) {
            return Either.left(new TrackerFailure.Unsupported(
                    "redirect refused: " + valid.getLeft().message()));
        }
        if (from.getScheme().equalsIgnoreCase("https") && next.getScheme().equalsIgnoreCase("http")) {
            return Either.left(new TrackerFailure.Unsupported("redirect from https to plain http refused"));
        }
        return valid;
    }

    private static String withoutQuery(URI uri) {
        String text = uri.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query);
    }

    private CompletableFuture<Either<TrackerFailure, Answer>> send(TrackerCall<?> call, URI uri, InetAddress address) {
        Duration remaining = call.remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            return done(Either.left(call.timeout()));
        }
        call.sending();
        return call.track(exchange.get(uri, address, remaining, call::writing))
                .handle((answer, error) -> error == null
                        ? answer
                        : Either.left(TransportFailures.of(error, FamilyRoute.hostOf(uri), call)
                                .getOrElseThrow(() -> new CompletionException(error))));
    }

    private Either<TrackerFailure, Fetched> body(Answer answer) {
        ReceivedBody received = answer.body();
        if (received.overflowed()) {
            return Either.left(new TrackerFailure.Malformed(
                    "body larger than " + config.bodyLimitText() + " (HTTP " + answer.status() + ")", 1));
        }
        return ContentDecoding.decode(answer.contentEncoding(), received.bytes(), config.maxBodyBytes())
                .map(bytes -> new Fetched(answer.status(), bytes));
    }

    private static <T> CompletableFuture<Either<TrackerFailure, T>> done(Either<TrackerFailure, T> outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
