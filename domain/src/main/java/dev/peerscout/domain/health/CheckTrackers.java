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
import java.util.concurrent.atomic.AtomicBoolean;

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
    /**
     * The {@code stopped} announce's own deadline, after whatever the {@code started} left: long
     * enough for it to leave and a live tracker to answer, short enough that a dead one costs little.
     */
    static final Duration GOODBYE_GRACE = Duration.ofMillis(500);

    private final TrackerProbe probe;
    private final Scheduler scheduler;

    public CheckTrackers(TrackerProbe probe, Scheduler scheduler) {
        this.probe = probe;
        this.scheduler = scheduler;
    }

    /** One round; {@code listener} hears each URL as it finishes. */
    public CompletableFuture<CheckReport> check(List<TrackerUrl> urls, CheckOptions options, CheckListener listener) {
        return start(urls, options, listener).report();
    }

    /** One round that the user may end early ({@link CheckRun#stop()}, Ctrl-C), goodbyes included. */
    public CheckRun start(List<TrackerUrl> urls, CheckOptions options, CheckListener listener) {
        Round round = new Round(1, options, listener);
        round.start(urls);
        return new CheckRun(round.report, round::stop);
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

    /** Our {@code started} to one address, and whether its {@code stopped} has been sent. */
    private static final class Hello {
        final TrackerUrl url;
        final InetAddress address;
        final AnnounceRequest request;
        final CompletableFuture<TrackerProbe.Step<AnnounceResponse>> started = new CompletableFuture<>();
        final AtomicBoolean goodbyeSent = new AtomicBoolean();

        Hello(TrackerUrl url, InetAddress address, AnnounceRequest request) {
            this.url = url;
            this.address = address;
            this.request = request;
        }
    }

    /** One round: its checks, every {@code started} it sent, and its early end. */
    private final class Round {
        private final int number;
        private final CheckOptions options;
        private final CheckListener listener;
        private final Instant begin = scheduler.now();
        private final Instant deadline;
        private final List<Hello> hellos = new ArrayList<>();
        private final List<CompletableFuture<List<AddressCheck>>> results = new ArrayList<>();
        private final Map<InetAddress, List<CompletableFuture<AddressCheck>>> perAddress = new LinkedHashMap<>();
        private final CompletableFuture<CheckReport> report = new CompletableFuture<>();
        private boolean stopping;

        Round(int number, CheckOptions options, CheckListener listener) {
            this.number = number;
            this.options = options;
            this.listener = listener;
            this.deadline = begin.plus(options.timeout());
        }

        void start(List<TrackerUrl> urls) {
            // Each tracker once, under every spelling the list has (an exact repeat counts once).
            Map<TrackerUrl, List<TrackerUrl>> spellings = new LinkedHashMap<>();
            for (TrackerUrl url : new LinkedHashSet<>(urls)) {
                spellings.computeIfAbsent(url.normalized(), same -> new ArrayList<>()).add(url);
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
            CompletableFuture.allOf(checks.values().toArray(CompletableFuture[]::new)).thenRun(() -> {
                List<TrackerCheck> done = new ArrayList<>();
                for (TrackerUrl url : new LinkedHashSet<>(urls)) {
                    done.add(new TrackerCheck(url, number, checks.get(url.normalized()).join()));
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
            List<CompletableFuture<?>> goodbyes = sent.stream().<CompletableFuture<?>>map(this::goodbye).toList();
            CompletableFuture<Void> farewell = new CompletableFuture<>();
            Scheduler.Cancellable grace = scheduler.schedule(GOODBYE_GRACE.plus(GUARD_SLACK), () -> farewell.complete(null));
            CompletableFuture.allOf(goodbyes.toArray(CompletableFuture[]::new)).whenComplete((ignored, bug) -> {
                grace.cancel();
                farewell.complete(null);
            });
            farewell.thenRun(() -> {
                List<CompletableFuture<List<AddressCheck>>> all;
                Map<InetAddress, List<CompletableFuture<AddressCheck>>> addresses;
                synchronized (this) {
                    all = List.copyOf(results);
                    addresses = new LinkedHashMap<>(perAddress);
                }
                addresses.forEach((address, checks) -> checks.forEach(check -> check.complete(
                        AddressCheck.failed(Option.some(address), CheckStatus.SKIPPED, "interrupted"))));
                all.forEach(result -> result.complete(List.of(
                        AddressCheck.failed(Option.none(), CheckStatus.SKIPPED, "interrupted"))));
            });
            return report;
        }

        private synchronized boolean stopping() {
            return stopping;
        }

        /** Ends the check even if an adapter never answers, and turns an adapter's bug into an outcome. */
        private void guarded(CompletableFuture<List<AddressCheck>> check, CompletableFuture<List<AddressCheck>> result) {
            // A timed-out started still gets its goodbye, which has a grace of its own after the deadline.
            Scheduler.Cancellable guard = scheduler.schedule(options.timeout().plus(GOODBYE_GRACE).plus(GUARD_SLACK),
                    () -> result.complete(List.of(
                            AddressCheck.failed(Option.none(), CheckStatus.TIMEOUT, "no outcome by the deadline"))));
            check.whenComplete((addresses, bug) -> {
                guard.cancel();
                if (bug == null) {
                    result.complete(addresses);
                } else {
                    // An adapter's bug, as peers reports it: its own words, never a Java class name.
                    TrackerFailure internal = TrackerFailure.Internal.of(bug);
                    result.complete(List.of(AddressCheck.failed(Option.none(), CheckStatus.of(internal), internal.message())));
                }
            });
        }

        private CompletableFuture<List<AddressCheck>> checkTracker(TrackerUrl url) {
            Option<String> malformation = url.malformation();
            if (malformation.isDefined()) {
                // Judged once here for every scheme: no adapter gets to call it unsupported instead.
                TrackerFailure failure = new TrackerFailure.MalformedUrl(malformation.get());
                return CompletableFuture.completedFuture(List.of(
                        AddressCheck.failed(Option.none(), CheckStatus.of(failure), failure.message())));
            }
            return probe.addresses(url, options.families(), deadline).thenCompose(resolved -> resolved.fold(
                    failure -> CompletableFuture.completedFuture(List.of(
                            AddressCheck.failed(Option.none(), CheckStatus.of(failure), failure.message()))),
                    addresses -> {
                        List<CompletableFuture<AddressCheck>> perAddress = new ArrayList<>();
                        for (InetAddress address : addresses) {
                            perAddress.add(checkAddress(url, address));
                        }
                        return CompletableFuture.allOf(perAddress.toArray(CompletableFuture[]::new))
                                .thenApply(done -> perAddress.stream().map(CompletableFuture::join).toList());
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
            hello.started.thenCompose(announce -> {
                Either<TrackerFailure, AnnounceResponse> outcome = announce.outcome();
                if (stopping()) {
                    // The stop says goodbye to every address at once.
                    return CompletableFuture.completedFuture(outcome(address, announce, Option.none()));
                }
                if (outcome.isLeft() && !(outcome.getLeft() instanceof TrackerFailure.Rejected)) {
                    AddressCheck check = outcome(address, announce, Option.none());
                    return goodbye(hello).handle((goodbye, bug) -> check);
                }
                return probe.scrape(url, address, List.of(hello.request.infoHash()), deadline).thenCompose(scrape -> {
                    AddressCheck check = outcome(address, announce, Option.some(scrape));
                    return goodbye(hello).handle((goodbye, bug) -> check);
                });
            }).whenComplete((check, bug) -> {
                if (bug != null) {
                    result.completeExceptionally(bug);
                } else {
                    result.complete(check);
                }
            });
            return result;
        }

        /**
         * {@code stopped} once to an address that may have taken our {@code started}: it accepted
         * it, has not answered yet, or never answered (the answer may be what was lost), or answered
         * with garbage. Not after an error text or a refusal: nothing was registered there.
         */
        private CompletableFuture<?> goodbye(Hello hello) {
            if (hello.started.isDone() && !hello.started.isCompletedExceptionally()) {
                Either<TrackerFailure, AnnounceResponse> outcome = hello.started.join().outcome();
                if (outcome.isLeft() && !(outcome.getLeft() instanceof TrackerFailure.Timeout)
                        && !(outcome.getLeft() instanceof TrackerFailure.Malformed)) {
                    return CompletableFuture.completedFuture(null);
                }
            }
            if (!hello.goodbyeSent.compareAndSet(false, true)) {
                return CompletableFuture.completedFuture(null);
            }
            return probe.announce(hello.url, hello.address, hello.request.withEvent(AnnounceEvent.STOPPED),
                    scheduler.now().plus(GOODBYE_GRACE)).handle((goodbye, bug) -> null);
        }
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
        private Round current;
        private boolean stopped;

        Watch(List<TrackerUrl> urls, CheckOptions options, Duration every, int count, CheckListener listener) {
            this.urls = List.copyOf(urls);
            this.options = options;
            this.every = every;
            this.count = count;
            this.listener = listener;
        }

        void startRound(int round) {
            Round started = new Round(round, options, this::checked);
            synchronized (this) {
                if (stopped) {
                    return;
                }
                current = started;
            }
            started.report.thenRun(() -> roundEnded(round));
            started.start(urls);
        }

        private void checked(TrackerCheck check) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                for (AddressCheck address : check.addresses()) {
                    String key = check.url().value() + " " + address.address().map(InetAddress::getHostAddress).getOrElse("-");
                    tallies.computeIfAbsent(key, k -> new AddressSummary.Tally(check.url(), address.address(), options.timeout())).add(address);
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

        /** Ctrl-C: no more rounds; the round under way says its goodbyes before the summary. */
        void stop() {
            Round running;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = true;
                if (next != null) {
                    next.cancel();
                }
                running = current;
            }
            if (running == null) {
                finish();
            } else {
                running.stop().whenComplete((report, bug) -> finish());
            }
        }

        private synchronized void finish() {
            stopped = true;
            summary.complete(tallies.values().stream().map(AddressSummary.Tally::summary).toList());
        }
    }
}
