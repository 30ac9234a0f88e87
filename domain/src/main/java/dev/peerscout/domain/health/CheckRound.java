package dev.peerscout.domain.health;

import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One round of tracker checks: each tracker once under every spelling, each address of each on its
 * own (announce {@code started}, then scrape, then {@code stopped} once the tracker accepted us),
 * every {@code started} it sent, and its early end.
 */
final class CheckRound {
    /** The guard that ends a check an adapter failed to end by the deadline. */
    private static final Duration GUARD_SLACK = Duration.ofMillis(250);
    /**
     * The {@code stopped} announce's own deadline, after whatever the {@code started} left: long
     * enough for it to leave and a live tracker to answer, short enough that a dead one costs little.
     */
    static final Duration GOODBYE_GRACE = Duration.ofMillis(500);

    private final TrackerProbe probe;
    private final Scheduler scheduler;
    private final int number;
    private final CheckOptions options;
    private final CheckListener listener;
    private final Instant begin;
    private final Instant deadline;
    private final List<Hello> hellos = new ArrayList<>();
    private final List<CompletableFuture<List<AddressCheck>>> results = new ArrayList<>();
    private final Map<InetAddress, List<CompletableFuture<AddressCheck>>> perAddress = new LinkedHashMap<>();
    private final CompletableFuture<CheckReport> report = new CompletableFuture<>();
    private boolean stopping;

    CheckRound(TrackerProbe probe, Scheduler scheduler, int number, CheckOptions options, CheckListener listener) {
        this.probe = probe;
        this.scheduler = scheduler;
        this.number = number;
        this.options = options;
        this.listener = listener;
        this.begin = scheduler.now();
        this.deadline = begin.plus(options.timeout());
    }

    /** Completes when every URL has its outcome and every goodbye has been said. */
    CompletableFuture<CheckReport> report() {
        return report;
    }

    void start(List<TrackerUrl> urls) {
        // Each tracker once, under every spelling the list has (an exact repeat counts once).
        Map<TrackerUrl, List<TrackerUrl>> spellings = new LinkedHashMap<>();
        for (TrackerUrl url : new LinkedHashSet<>(urls)) {
            spellings
                    .computeIfAbsent(url.normalized(), same -> new ArrayList<>())
                    .add(url);
        }
        Map<TrackerUrl, CompletableFuture<List<AddressCheck>>> checks = new LinkedHashMap<>();
        spellings.forEach((same, written) -> {
            CompletableFuture<List<AddressCheck>> result = new CompletableFuture<>();
            synchronized (this) {
                results.add(result);
            }
            guarded(checkTracker(written.get(0)), result);
            checks.put(same, result.thenApply(addresses -> {
                synchronized (listener) {
                    written.forEach(url -> listener.checked(new TrackerCheck(url, number, addresses)));
                }
                return addresses;
            }));
        });
        CompletableFuture.allOf(checks.values().toArray(CompletableFuture[]::new))
                .thenRun(() -> {
                    List<TrackerCheck> done = new ArrayList<>();
                    for (TrackerUrl url : new LinkedHashSet<>(urls)) {
                        done.add(new TrackerCheck(
                                url, number, checks.get(url.normalized()).join()));
                    }
                    report.complete(new CheckReport(done, Duration.between(begin, scheduler.now())));
                });
    }

    /**
     * Ends the round as the deadline would, without waiting for it: no new request, a
     * {@code stopped} to every address that may have our {@code started} (answered, late or
     * timed out) within the goodbye's own grace, then checks still running are reported skipped.
     */
    CompletableFuture<CheckReport> stop() {
        List<Hello> sent;
        synchronized (this) {
            if (stopping) {
                return report;
            }
            stopping = true;
            sent = List.copyOf(hellos);
        }
        List<CompletableFuture<?>> goodbyes =
                sent.stream().<CompletableFuture<?>>map(this::goodbye).toList();
        scheduler.allOrAfter(GOODBYE_GRACE.plus(GUARD_SLACK), goodbyes).thenRun(() -> {
            List<CompletableFuture<List<AddressCheck>>> all;
            Map<InetAddress, List<CompletableFuture<AddressCheck>>> addresses;
            synchronized (this) {
                all = List.copyOf(results);
                addresses = new LinkedHashMap<>(perAddress);
            }
            addresses.forEach((address, checks) -> checks.forEach(check ->
                    check.complete(AddressCheck.failed(Option.some(address), CheckStatus.SKIPPED, "interrupted"))));
            all.forEach(result ->
                    result.complete(List.of(AddressCheck.failed(Option.none(), CheckStatus.SKIPPED, "interrupted"))));
        });
        return report;
    }

    private synchronized boolean stopping() {
        return stopping;
    }

    /** Ends the check even if an adapter never answers, and turns an adapter's bug into an outcome. */
    private void guarded(CompletableFuture<List<AddressCheck>> check, CompletableFuture<List<AddressCheck>> result) {
        // A timed-out started still gets its goodbye, which has a grace of its own after the deadline.
        Scheduler.Cancellable guard = scheduler.schedule(
                options.timeout().plus(GOODBYE_GRACE).plus(GUARD_SLACK),
                () -> result.complete(List.of(
                        AddressCheck.failed(Option.none(), CheckStatus.TIMEOUT, "no outcome by the deadline"))));
        check.whenComplete((addresses, bug) -> {
            guard.cancel();
            if (bug == null) {
                result.complete(addresses);
            } else {
                // An adapter's bug, as peers reports it: its own words, never a Java class name.
                TrackerFailure internal = TrackerFailure.Internal.of(bug);
                result.complete(
                        List.of(AddressCheck.failed(Option.none(), CheckStatus.of(internal), internal.message())));
            }
        });
    }

    private CompletableFuture<List<AddressCheck>> checkTracker(TrackerUrl url) {
        Option<String> malformation = url.malformation();
        if (malformation.isDefined()) {
            // Judged once here for every scheme: no adapter gets to call it unsupported instead.
            TrackerFailure failure = new TrackerFailure.MalformedUrl(malformation.get());
            return CompletableFuture.completedFuture(
                    List.of(AddressCheck.failed(Option.none(), CheckStatus.of(failure), failure.message())));
        }
        return probe.addresses(url, options.families(), deadline)
                .thenCompose(resolved -> resolved.fold(
                        failure -> CompletableFuture.completedFuture(List.of(
                                AddressCheck.failed(Option.none(), CheckStatus.of(failure), failure.message()))),
                        addresses -> {
                            List<CompletableFuture<AddressCheck>> perAddress = new ArrayList<>();
                            for (InetAddress address : addresses) {
                                perAddress.add(checkAddress(url, address));
                            }
                            return CompletableFuture.allOf(perAddress.toArray(CompletableFuture[]::new))
                                    .thenApply(done -> perAddress.stream()
                                            .map(CompletableFuture::join)
                                            .toList());
                        }));
    }

    /** Started, then scrape and stopped; the outcome waits for the goodbye. */
    private CompletableFuture<AddressCheck> checkAddress(TrackerUrl url, InetAddress address) {
        Hello hello = new Hello(url, address, options.started());
        synchronized (this) {
            if (stopping) {
                return CompletableFuture.completedFuture(
                        AddressCheck.failed(Option.some(address), CheckStatus.SKIPPED, "interrupted"));
            }
            hellos.add(hello);
        }
        CompletableFuture<AddressCheck> result = new CompletableFuture<>();
        synchronized (this) {
            perAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(result);
        }
        probe.announce(url, address, hello.request, deadline).whenComplete((step, bug) -> {
            if (bug != null) {
                hello.started.completeExceptionally(bug);
            } else {
                hello.started.complete(step);
            }
        });
        hello.started
                .thenCompose(announce -> {
                    Either<TrackerFailure, AnnounceResponse> outcome = announce.outcome();
                    if (stopping()) {
                        // The stop says goodbye to every address at once.
                        return CompletableFuture.completedFuture(
                                AddressCheck.afterAnnounce(address, announce, Option.none()));
                    }
                    if (outcome.isLeft() && !(outcome.getLeft() instanceof TrackerFailure.Rejected)) {
                        AddressCheck check = AddressCheck.afterAnnounce(address, announce, Option.none());
                        return goodbye(hello).handle((goodbye, bug) -> check);
                    }
                    return probe.scrape(url, address, List.of(hello.request.infoHash()), deadline)
                            .thenCompose(scrape -> {
                                AddressCheck check = AddressCheck.afterAnnounce(address, announce, Option.some(scrape));
                                return goodbye(hello).handle((goodbye, bug) -> check);
                            });
                })
                .whenComplete((check, bug) -> {
                    if (bug != null) {
                        result.completeExceptionally(bug);
                    } else {
                        result.complete(check);
                    }
                });
        return result;
    }

    /** {@code stopped}, once, to an address that may have taken our {@code started}. */
    private CompletableFuture<?> goodbye(Hello hello) {
        if (!hello.mayHaveUs() || !hello.claimGoodbye()) {
            return CompletableFuture.completedFuture(null);
        }
        return probe.announce(
                        hello.url,
                        hello.address,
                        hello.request.withEvent(AnnounceEvent.STOPPED),
                        scheduler.now().plus(GOODBYE_GRACE))
                .handle((goodbye, bug) -> null);
    }
}
