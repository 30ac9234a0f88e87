package dev.peerscout.cli;

import dagger.Lazy;
import dev.peerscout.domain.health.AddressSummary;
import dev.peerscout.domain.health.CheckOptions;
import dev.peerscout.domain.health.CheckReport;
import dev.peerscout.domain.health.CheckRun;
import dev.peerscout.domain.health.CheckTrackers;
import dev.peerscout.domain.health.TrackerCheck;
import dev.peerscout.domain.health.TrackerWatch;
import dev.peerscout.domain.model.TrackerUrl;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import javax.inject.Inject;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code peerscout trackers}: checks every URL at once (or again and again with {@code --watch})
 * and hands the outcome to {@link HealthOutput}. Its options are declared by {@link TrackersRequest}.
 */
final class TrackersCommand implements CliCommand {
    private final CommandSpec spec;
    private final ReferenceList lists;
    private final Lazy<CheckTrackers> checkTrackers;
    private final Lazy<RandomGenerator> random;

    @Inject
    TrackersCommand(ReferenceList lists, Lazy<CheckTrackers> checkTrackers, Lazy<RandomGenerator> random) {
        this.lists = lists;
        this.checkTrackers = checkTrackers;
        this.random = random;
        spec = Specs.command(
                "trackers",
                this,
                new String[] {
                    "Checks whether trackers answer: every URL at once, each address (A and AAAA) on its own.",
                    "UDP: connect, announce, scrape; HTTP(S): announce and scrape (BEP 48). The announce says 'started' for a "
                            + "random info hash (or --info-hash) and is followed by 'stopped'. A tracker that answers with an "
                            + "error is alive.",
                    "A table on stdout (best first), a summary line on stderr."
                },
                Specs.subcommandExitCodes(
                        "every URL had an address that answered (--watch: at least once)",
                        "some URL had none",
                        "130:interrupted by Ctrl-C; a watch prints its summary first (143 SIGTERM, 129 SIGHUP)"));
        TrackersRequest.declare(spec);
        Specs.standardHelp(spec);
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws InterruptedException {
        TrackersRequest request = TrackersRequest.of(spec, lists);
        List<TrackerUrl> trackers = request.trackers();
        CheckOptions options = request.options(random.get());
        PrintWriter out = spec.commandLine().getOut();
        HealthOutput output = new HealthOutput(out, request.showSecrets());
        if (request.watching()) {
            return watch(request, trackers, options, output);
        }
        try (Signals.Interrupts interrupts = Signals.Interrupts.install()) {
            CheckRun running = checkTrackers.get().start(trackers, options, check -> {
                if (request.ndjson()) {
                    output.checkEvents(check);
                }
            });
            CheckReport report = await(
                    running.report(), interrupts.first(), options.timeout().plusSeconds(5));
            boolean interrupted = report == null;
            if (interrupted) {
                // Ctrl-C: ends like the deadline, goodbyes included (a second Ctrl-C ends at once).
                err().println("interrupted: saying goodbye to the trackers (Ctrl-C again to quit now)");
                err().flush();
                report = await(running.stop(), new CompletableFuture<>(), Duration.ofSeconds(5));
            }
            if (request.json()) {
                output.json(report);
            } else if (!request.ndjson()) {
                output.table(report);
            }
            out.flush();
            summaryLine(report.trackers(), trackers.size(), report.elapsed(), interrupted);
            OutputWriter.check(out);
            if (interrupted) {
                return interrupts.exitCode();
            }
            return report.allAlive() ? ExitCodes.OK : ExitCodes.NOTHING_FOUND;
        }
    }

    /** NDJSON per check, then a summary per URL and address; Ctrl-C ends it with the summary. */
    private int watch(TrackersRequest request, List<TrackerUrl> trackers, CheckOptions options, HealthOutput output)
            throws InterruptedException {
        Duration every = request.watchEvery();
        Integer count = request.count();
        PrintWriter out = spec.commandLine().getOut();
        // A watch streams like peers: once a write fails (the reader of `| head` went away, a full
        // disk) nothing more can be told, so the watch ends instead of checking on for nobody.
        CompletableFuture<Void> outputFailed = new CompletableFuture<>();
        TrackerWatch watch = checkTrackers.get().watch(trackers, options, every, count == null ? 0 : count, check -> {
            output.checkEvents(check);
            if (out.checkError()) {
                outputFailed.complete(null);
            }
        });
        outputFailed.thenRunAsync(watch::stop); // not inside the watch's own callback
        try (Signals.Interrupts interrupts = Signals.Interrupts.install()) {
            // Ctrl-C (or SIGTERM, SIGHUP) ends the watch; the summary covers the checks done by then.
            interrupts.first().thenRun(watch::stop);
            List<AddressSummary> summary;
            try {
                summary = count == null
                        ? watch.summary().get()
                        : watch.summary()
                                .get(
                                        every.multipliedBy(count)
                                                .plus(options.timeout())
                                                .plusSeconds(5)
                                                .toMillis(),
                                        TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("watch failed", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("watch did not end by its last deadline", e);
            }
            output.summaryEvents(summary);
            Set<TrackerUrl> answering = new HashSet<>();
            summary.stream().filter(s -> s.alive() > 0).forEach(s -> answering.add(s.url()));
            err().println("watched " + trackers.size() + (trackers.size() == 1 ? " URL" : " URLs") + ": "
                    + answering.size() + " answered at least once" + (interrupts.happened() ? " (interrupted)" : ""));
            err().flush();
            OutputWriter.check(out);
            if (interrupts.happened()) {
                return interrupts.exitCode();
            }
            return answering.containsAll(trackers) ? ExitCodes.OK : ExitCodes.NOTHING_FOUND;
        }
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private void summaryLine(List<TrackerCheck> checks, int urls, Duration elapsed, boolean interrupted) {
        long alive = checks.stream().filter(TrackerCheck::alive).count();
        long addresses =
                checks.stream().mapToLong(check -> check.addresses().size()).sum();
        long answering = checks.stream()
                .flatMap(check -> check.addresses().stream())
                .filter(a -> a.alive())
                .count();
        err().println(alive + " of " + urls + " tracker URLs answered (" + answering + " of " + addresses
                + " addresses) in " + Formats.duration(elapsed) + (interrupted ? " (interrupted)" : ""));
        err().flush();
    }

    /** The report, or null when a signal came first. */
    private static CheckReport await(
            CompletableFuture<CheckReport> report, CompletableFuture<Integer> interrupted, Duration bound)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(report, interrupted).get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return report.isDone() ? report.get() : null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("tracker check failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("tracker check did not end by its deadline", e);
        }
    }
}
