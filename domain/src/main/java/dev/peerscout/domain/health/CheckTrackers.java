package dev.peerscout.domain.health;

import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.ScrapeResponse;
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
 * Tracker health: many tracker URLs checked at once under one deadline, each address of each on
 * its own (newTrackon judges a host by one address). Per address: announce {@code started}, then
 * scrape, then {@code stopped} once the tracker accepted us. A tracker that answers with an error
 * is alive. URLs that are one tracker written differently ({@link TrackerUrl#normalized()}) are
 * checked once and reported under each spelling. {@link #watch} repeats the round on the
 * {@link Scheduler} and sums up each address.
 */
public final class CheckTrackers {
    /** The guard that ends a check an adapter failed to end by the deadline. */
    private static final Duration GUARD_SLACK = Duration.ofMillis(250);

    private final TrackerProbe probe;
    private final Scheduler scheduler;

    public CheckTrackers(TrackerProbe probe, Scheduler scheduler) {
        this.probe = probe;
        this.scheduler = scheduler;
    }

    /** One round; {@code listener} hears each URL as it finishes. */
    public CompletableFuture<CheckReport> check(List<TrackerUrl> urls, CheckOptions options, CheckListener listener) {
        return round(1, urls, options, listener);
    }

    /**
     * A round every {@code every} (measured from the start of the first round; a round that takes
     * longer delays the next), {@code count} rounds or, with 0, until stopped.
     */
    public TrackerWatch watch(List<TrackerUrl> urls, CheckOptions options, Duration every, int count,
            CheckListener listener) {
        if (every.isNegative() || every.isZero() || count < 0) {
            throw new IllegalArgumentException("a watch needs a positive period and a count of 0 or more");
        }
        Watch watch = new Watch(urls, options, every, count, listener);
        watch.startRound(1);
        return new TrackerWatch(watch.summary, watch::stop);
    }

    private CompletableFuture<CheckReport> round(int round, List<TrackerUrl> urls, CheckOptions options,
            CheckListener listener) {
        Instant begin = scheduler.now();
        Instant deadline = begin.plus(options.timeout());
        // Each tracker once, under every spelling the list has (an exact repeat counts once).
        Map<TrackerUrl, List<TrackerUrl>> spellings = new LinkedHashMap<>();
        for (TrackerUrl url : new LinkedHashSet<>(urls)) {
            spellings.computeIfAbsent(url.normalized(), same -> new ArrayList<>()).add(url);
        }
        Map<TrackerUrl, CompletableFuture<List<AddressCheck>>> checks = new LinkedHashMap<>();
        spellings.forEach((same, written) -> {
            CompletableFuture<List<AddressCheck>> check = guarded(checkTracker(written.get(0), options, deadline),
                    options.timeout());
            checks.put(same, check.thenApply(addresses -> {
                synchronized (listener) {
                    written.forEach(url -> listener.checked(new TrackerCheck(url, round, addresses)));
                }
                return addresses;
            }));
        });
        return CompletableFuture.allOf(checks.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<TrackerCheck> report = new ArrayList<>();
            for (TrackerUrl url : new LinkedHashSet<>(urls)) {
                report.add(new TrackerCheck(url, round, checks.get(url.normalized()).join()));
            }
            return new CheckReport(report, Duration.between(begin, scheduler.now()));
        });
    }

    /** Ends the check even if an adapter never answers, and turns an adapter's bug into an outcome. */
    private CompletableFuture<List<AddressCheck>> guarded(CompletableFuture<List<AddressCheck>> check, Duration timeout) {
        CompletableFuture<List<AddressCheck>> result = new CompletableFuture<>();
        Scheduler.Cancellable guard = scheduler.schedule(timeout.plus(GUARD_SLACK), () -> result.complete(List.of(
                AddressCheck.failed(Option.none(), CheckStatus.TIMEOUT, "no outcome by the deadline"))));
        check.whenComplete((addresses, bug) -> {
            guard.cancel();
            result.complete(bug == null ? addresses
                    : List.of(AddressCheck.failed(Option.none(), CheckStatus.MALFORMED, String.valueOf(bug))));
        });
        return result;
    }

    private CompletableFuture<List<AddressCheck>> checkTracker(TrackerUrl url, CheckOptions options, Instant deadline) {
        return probe.addresses(url, options.families(), deadline).thenCompose(resolved -> resolved.fold(
                failure -> CompletableFuture.completedFuture(List.of(
                        AddressCheck.failed(Option.none(), CheckStatus.of(failure), failure.message()))),
                addresses -> {
                    List<CompletableFuture<AddressCheck>> perAddress = new ArrayList<>();
                    for (InetAddress address : addresses) {
                        perAddress.add(checkAddress(url, address, options.started(), deadline));
                    }
                    return CompletableFuture.allOf(perAddress.toArray(CompletableFuture[]::new))
                            .thenApply(done -> perAddress.stream().map(CompletableFuture::join).toList());
                }));
    }

    /** Started, then scrape and, if the tracker accepted us, stopped; the outcome waits for the goodbye. */
    private CompletableFuture<AddressCheck> checkAddress(TrackerUrl url, InetAddress address, AnnounceRequest started,
            Instant deadline) {
        return probe.announce(url, address, started, deadline).thenCompose(announce -> {
            Either<TrackerFailure, AnnounceResponse> outcome = announce.outcome();
            if (outcome.isLeft() && !(outcome.getLeft() instanceof TrackerFailure.Rejected)) {
                return CompletableFuture.completedFuture(outcome(address, announce, Option.none()));
            }
            return probe.scrape(url, address, List.of(started.infoHash()), deadline).thenCompose(scrape -> {
                AddressCheck check = outcome(address, announce, Option.some(scrape));
                if (outcome.isLeft()) {
                    return CompletableFuture.completedFuture(check);
                }
                return probe.announce(url, address, started.withEvent(AnnounceEvent.STOPPED), deadline)
                        .handle((goodbye, bug) -> check);
            });
        });
    }

    private static AddressCheck outcome(InetAddress address, TrackerProbe.Step<AnnounceResponse> announce,
            Option<TrackerProbe.Step<ScrapeResponse>> scrape) {
        Either<TrackerFailure, AnnounceResponse> outcome = announce.outcome();
        CheckStatus status = outcome.fold(CheckStatus::of, ok -> CheckStatus.OK);
        Option<String> error = outcome.fold(failure -> Option.some(why(failure)), ok -> Option.none());
        Option<AnnounceResponse> response = outcome.toOption();
        return new AddressCheck(Option.some(address), status, error, response.flatMap(AnnounceResponse::warning),
                announce.connect(), status.alive() ? Option.some(announce.took()) : Option.none(),
                scrape.filter(step -> step.outcome().isRight()).map(TrackerProbe.Step::took),
                response.map(AnnounceResponse::interval), response.flatMap(AnnounceResponse::minInterval),
                scrape.map(step -> step.outcome().fold(CheckTrackers::scrapeFailure, ok -> "ok")));
    }

    /** The tracker's own text for an error; the detail for a refusal (the status already says refused). */
    private static String why(TrackerFailure failure) {
        if (failure instanceof TrackerFailure.Rejected rejected) {
            return rejected.reason();
        }
        if (failure instanceof TrackerFailure.Unreachable unreachable && unreachable.refused()) {
            return unreachable.detail();
        }
        return failure.message();
    }

    private static String scrapeFailure(TrackerFailure failure) {
        if (failure instanceof TrackerFailure.Unsupported) {
            return "unsupported";
        }
        CheckStatus status = CheckStatus.of(failure);
        return status == CheckStatus.ERROR ? "error: " + ((TrackerFailure.Rejected) failure).reason() : status.label();
    }

    /** The rounds of one watch and the tallies they feed. */
    private final class Watch {
        private final List<TrackerUrl> urls;
        private final CheckOptions options;
        private final Duration every;
        private final int count;
        private final CheckListener listener;
        private final Instant begin = scheduler.now();
        private final Map<String, AddressSummary.Tally> tallies = new LinkedHashMap<>();
        private final CompletableFuture<List<AddressSummary>> summary = new CompletableFuture<>();
        private Scheduler.Cancellable next;
        private boolean stopped;

        Watch(List<TrackerUrl> urls, CheckOptions options, Duration every, int count, CheckListener listener) {
            this.urls = List.copyOf(urls);
            this.options = options;
            this.every = every;
            this.count = count;
            this.listener = listener;
        }

        void startRound(int round) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
            }
            round(round, urls, options, this::checked).thenRun(() -> roundEnded(round));
        }

        private void checked(TrackerCheck check) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                for (AddressCheck address : check.addresses()) {
                    String key = check.url().value() + " " + address.address().map(InetAddress::getHostAddress).getOrElse("-");
                    tallies.computeIfAbsent(key, k -> new AddressSummary.Tally(check.url(), address.address())).add(address);
                }
            }
            listener.checked(check);
        }

        private synchronized void roundEnded(int round) {
            if (stopped) {
                return;
            }
            if (count > 0 && round >= count) {
                finish();
                return;
            }
            Duration wait = Duration.between(scheduler.now(), begin.plus(every.multipliedBy(round)));
            next = scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, () -> startRound(round + 1));
        }

        synchronized void stop() {
            if (next != null) {
                next.cancel();
            }
            finish();
        }

        private void finish() {
            stopped = true;
            summary.complete(tallies.values().stream().map(AddressSummary.Tally::summary).toList());
        }
    }
}
