package dev.peerscout.cli;

import dagger.Lazy;
import dev.peerscout.domain.discovery.Scrape;
import dev.peerscout.domain.discovery.ScrapeReport;
import dev.peerscout.domain.discovery.ScrapeSwarms;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.time.Scheduler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.inject.Inject;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code peerscout scrape}: reads the torrents, asks each tracker once about all its swarms, and
 * hands each answer to its output ({@link ScrapeTable} as it comes, or {@link ScrapeJson} at the end).
 */
final class ScrapeCommand implements CliCommand {
    private final CommandSpec spec;
    private final TorrentReferences torrents;
    private final ReferenceList lists;
    private final Lazy<ScrapeSwarms> scrapeSwarms;
    private final Lazy<Scheduler> scheduler;
    private final Terminal terminal;

    @Inject
    ScrapeCommand(
            TorrentReferences torrents,
            ReferenceList lists,
            Lazy<ScrapeSwarms> scrapeSwarms,
            Lazy<Scheduler> scheduler,
            Terminal terminal) {
        this.torrents = torrents;
        this.lists = lists;
        this.scrapeSwarms = scrapeSwarms;
        this.scheduler = scheduler;
        this.terminal = terminal;
        spec = Specs.command(
                "scrape",
                this,
                new String[] {
                    "Asks trackers how many seeders, completed downloads and leechers each swarm has.",
                    "Each tracker is asked once about all the swarms that name it (74 hashes per UDP packet)."
                },
                Specs.subcommandExitCodes(
                        "at least one tracker answered",
                        "no tracker answered",
                        "130:interrupted by Ctrl-C (143 SIGTERM, 129 SIGHUP)"));
        ScrapeRequest.declare(spec);
        Specs.standardHelp(spec);
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws InterruptedException {
        ScrapeRequest request = ScrapeRequest.of(spec, lists);
        Duration timeout = request.network().timeout();
        List<TrackerUrl> extra = request.network().extraTrackers();
        Map<String, Torrent> byReference = new LinkedHashMap<>();
        for (String reference : request.references()) {
            byReference.put(reference, torrents.read(reference.strip()));
        }
        if (extra.isEmpty()) {
            byReference.forEach((reference, torrent) -> {
                if (torrent.tiers().isEmpty()) {
                    throw new UserError(TorrentReferences.display(reference, torrent, request.showSecrets())
                            + ": no tracker to ask; add one with --tracker URL");
                }
            });
        }
        PrintWriter out = request.json()
                ? OutputWriter.forScripts(spec.commandLine().getOut())
                : spec.commandLine().getOut();
        Scheduler clock = scheduler.get();
        ProgressLine progress = ProgressLine.scrape(
                clock,
                ProgressLine.distinctTrackers(
                        byReference.values().stream()
                                .flatMap(torrent -> torrent.trackers().stream())
                                .toList(),
                        extra));
        ScrapeTable table = new ScrapeTable(out, request.showSecrets(), byReference.values());
        try (Signals.Interrupts interrupts = Signals.Interrupts.install();
                StatusLine status =
                        StatusLine.on(terminal, spec.commandLine().getErr(), request.quiet(), clock, progress::text)) {
            interrupts.beforeHalt(status::close);
            status.start();
            // Text: each tracker's table the moment it has answered. JSON: one document at the end.
            Scrape scrape = scrapeSwarms.get().start(List.copyOf(byReference.values()), extra, timeout, tracker -> {
                progress.trackerDone();
                if (!request.json()) {
                    status.hide();
                    table.tracker(tracker);
                }
                status.changed();
            });
            ScrapeReport report = await(scrape, timeout, interrupts.first(), status);
            boolean interrupted = interrupts.happened();
            if (request.json()) {
                new ScrapeJson(out, request.showSecrets()).write(report, byReference, interrupted);
            }
            out.flush();
            status.summary(ProgressLine.scrapeSummary(report, interrupted));
            OutputWriter.check(out);
            if (interrupted) {
                return interrupts.exitCode();
            }
            return report.anyAnswer() ? ExitCodes.OK : ExitCodes.NOTHING_FOUND;
        }
    }

    /** The report, sooner when the user interrupts: then the trackers still asked are skipped. */
    private static ScrapeReport await(
            Scrape scrape, Duration timeout, CompletableFuture<Integer> interrupted, StatusLine status)
            throws InterruptedException {
        long patience = timeout.plusSeconds(5).toMillis();
        try {
            CompletableFuture.anyOf(scrape.report(), interrupted).get(patience, TimeUnit.MILLISECONDS);
            if (interrupted.isDone() && !scrape.report().isDone()) {
                status.line("interrupted");
                scrape.stop("interrupted");
            }
            return scrape.report().get(patience, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scrape failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("scrape did not end by its deadline", e);
        }
    }
}
