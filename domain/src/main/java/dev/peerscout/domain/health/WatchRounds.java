package dev.peerscout.domain.health;

import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The rounds of one watch and the tallies they feed. */
final class WatchRounds {
    private final TrackerProbe probe;
    private final Scheduler scheduler;
    private final List<TrackerUrl> urls;
    private final CheckOptions options;
    private final Duration every;
    private final int count;
    private final CheckListener listener;
    private final Instant begin;
    private final Map<String, AddressSummary.Tally> tallies = new LinkedHashMap<>();
    private final CompletableFuture<List<AddressSummary>> summary = new CompletableFuture<>();
    private Scheduler.Cancellable next;
    private CheckRound current;
    private boolean stopped;

    WatchRounds(
            TrackerProbe probe,
            Scheduler scheduler,
            List<TrackerUrl> urls,
            CheckOptions options,
            Duration every,
            int count,
            CheckListener listener) {
        this.probe = probe;
        this.scheduler = scheduler;
        this.begin = scheduler.now();
        this.urls = List.copyOf(urls);
        this.options = options;
        this.every = every;
        this.count = count;
        this.listener = listener;
    }

    void startRound(int round) {
        CheckRound started = new CheckRound(probe, scheduler, round, options, this::checked);
        synchronized (this) {
            if (stopped) {
                return;
            }
            current = started;
        }
        started.report().thenRun(() -> roundEnded(round));
        started.start(urls);
    }

    private void checked(TrackerCheck check) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            for (AddressCheck address : check.addresses()) {
                String key = check.url().value() + " "
                        + address.address().map(InetAddress::getHostAddress).getOrElse("-");
                tallies.computeIfAbsent(
                                key, k -> new AddressSummary.Tally(check.url(), address.address(), options.timeout()))
                        .add(address);
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
        CheckRound running;
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

    /** The tallies so far, per URL and address. */
    CompletableFuture<List<AddressSummary>> summary() {
        return summary;
    }

    private synchronized void finish() {
        stopped = true;
        summary.complete(
                tallies.values().stream().map(AddressSummary.Tally::summary).toList());
    }
}
