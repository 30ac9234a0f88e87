package dev.peerscout.cli;

import dagger.Lazy;
import dev.peerscout.domain.discovery.Scrape;
import dev.peerscout.domain.discovery.ScrapeReport;
import dev.peerscout.domain.discovery.ScrapeSwarms;
import dev.peerscout.domain.discovery.TrackerScrape;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.LosslessText;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.MagnetLinks;
import dev.peerscout.domain.model.Problems;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.time.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "scrape",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Asks trackers how many seeders, completed downloads and leechers each swarm has.",
            "Each tracker is asked once about all the swarms that name it (74 hashes per UDP packet)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:at least one tracker answered", "1:no tracker answered", "2:bad input or usage (one line on stderr)",
            "3:internal error", "4:standard output could not be written", "130:interrupted by Ctrl-C (143 SIGTERM, 129 SIGHUP)"})
final class ScrapeCommand implements Callable<Integer> {
    private static final Pattern V1_HEX = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern V2_HEX = Pattern.compile("[0-9A-Fa-f]{64}");
    /** --from is a list of references, not a data set: 16 MiB is some 200,000 magnet links. */
    private static final int MAX_FROM_BYTES = 16 * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<torrent-file|magnet|info-hash>", arity = "0..*",
            description = "Torrents to scrape: .torrent files, magnet links, or bare info hashes (40 or 64 hex digits).")
    List<String> references = new ArrayList<>();

    @Option(names = "--from", paramLabel = "FILE", description = "Read more references from FILE, one per line ('-' for stdin).")
    String from;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--json", description = "One JSON document on stdout.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No status line on stderr; errors and the summary line stay.")
    boolean quiet;

    private final TorrentReferences torrents;
    private final Lazy<ScrapeSwarms> scrapeSwarms;
    private final Lazy<Scheduler> scheduler;
    private final Terminal terminal;

    @Inject
    ScrapeCommand(TorrentReferences torrents, Lazy<ScrapeSwarms> scrapeSwarms, Lazy<Scheduler> scheduler, Terminal terminal) {
        this.torrents = torrents;
        this.scrapeSwarms = scrapeSwarms;
        this.scheduler = scheduler;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<String> all = new ArrayList<>(references);
        all.addAll(referencesFrom(from));
        if (all.isEmpty()) {
            throw new UserError("nothing to scrape: name torrents, magnet links or info hashes (or --from FILE)");
        }
        var timeout = network.timeout();
        var extra = network.extraTrackers();
        Map<String, Torrent> byReference = new LinkedHashMap<>();
        for (String reference : all) {
            byReference.put(reference, read(reference));
        }
        if (extra.isEmpty()) {
            byReference.forEach((reference, torrent) -> {
                if (torrent.tiers().isEmpty()) {
                    throw new UserError(display(reference, torrent) + ": no tracker to ask; add one with --tracker URL");
                }
            });
        }
        PrintWriter out = json ? OutputWriter.forScripts(spec.commandLine().getOut()) : spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<InfoHash, String> names = names(byReference);
        Scheduler clock = scheduler.get();
        Instant begin = clock.now();
        AtomicInteger answered = new AtomicInteger();
        int trackers = trackerCount(byReference.values(), extra);
        boolean live = !quiet && terminal.stderrIsInteractive();
        try (Signals.Interrupts interrupts = Signals.Interrupts.install();
                StatusLine status = new StatusLine(err, live, quiet, live ? terminal.columns() : () -> 80, clock,
                        () -> StatusLine.elapsed(Duration.between(begin, clock.now())) + ": waiting for "
                                + (trackers - answered.get()) + " of " + trackers + (trackers == 1 ? " tracker" : " trackers"))) {
            interrupts.beforeHalt(status::close);
            status.start();
            // Text: each tracker's table the moment it has answered. JSON: one document at the end.
            Scrape scrape = scrapeSwarms.get().start(List.copyOf(byReference.values()), extra, timeout, tracker -> {
                answered.incrementAndGet();
                if (!json) {
                    status.hide();
                    writeTracker(tracker, names, out);
                    out.flush();
                }
                status.changed();
            });
            ScrapeReport report = await(scrape, timeout, interrupts.first(), status);
            boolean interrupted = interrupts.happened();
            if (json) {
                writeJson(report, byReference, interrupted, out);
            }
            out.flush();
            long ok = report.trackers().stream().filter(TrackerScrape::ok).count();
            status.summary(ok + " of " + Formats.counted(report.trackers().size(), "tracker") + " answered in "
                    + Formats.duration(report.elapsed()) + (interrupted ? " (interrupted)" : ""));
            OutputWriter.check(out, false);
            if (interrupted) {
                return interrupts.exitCode();
            }
            return report.anyAnswer() ? ExitCodes.OK : ExitCodes.NOTHING_FOUND;
        }
    }

    /** The report, sooner when the user interrupts: then the trackers still asked are skipped. */
    private static ScrapeReport await(Scrape scrape, Duration timeout, CompletableFuture<Integer> interrupted, StatusLine status)
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

    private static int trackerCount(java.util.Collection<Torrent> torrents, List<TrackerUrl> extra) {
        java.util.Set<TrackerUrl> urls = new java.util.HashSet<>();
        extra.forEach(url -> urls.add(url.normalized()));
        torrents.forEach(torrent -> torrent.trackers().forEach(url -> urls.add(url.normalized())));
        return urls.size();
    }

    private Torrent read(String reference) {
        String trimmed = reference.strip();
        if (V1_HEX.matcher(trimmed).matches()) {
            return bare(InfoHashes.v1(InfoHash.fromHex(trimmed)));
        }
        if (V2_HEX.matcher(trimmed).matches()) {
            return bare(InfoHashes.v2(InfoHashV2.fromHex(trimmed)));
        }
        return torrents.read(trimmed);
    }

    private static Torrent bare(InfoHashes hashes) {
        return new Torrent(io.vavr.control.Option.none(), hashes, List.of(), io.vavr.control.Option.none(), false, List.of(), List.of(), List.of());
    }

    /** One reference per line; blank lines and {@code #} comments are skipped. Bounded: it is user input. */
    static List<String> referencesFrom(String file) {
        if (file == null) {
            return List.of();
        }
        String name = "-".equals(file) ? "standard input" : file;
        byte[] bytes;
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(LosslessText.path(file))) {
            bytes = in.readNBytes(MAX_FROM_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UserError(name + ": no such file");
        } catch (IOException e) {
            throw new UserError(name + ": cannot read: " + Problems.describe(e, "read failed"));
        } catch (IllegalArgumentException e) {
            throw new UserError(name + ": not a valid path");
        }
        if (bytes.length > MAX_FROM_BYTES) {
            throw new UserError(name + ": more than " + MAX_FROM_BYTES / (1024 * 1024) + " MiB of references");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserError(name + ": not UTF-8 text");
        }
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** How to name a reference in output: a magnet link is rebuilt so that its passkeys stay masked. */
    private String display(String reference, Torrent torrent) {
        return isMagnet(reference) ? MagnetLinks.of(torrent, network.showSecrets) : reference;
    }

    private static boolean isMagnet(String reference) {
        return reference.strip().regionMatches(true, 0, "magnet:", 0, 7);
    }

    private static Map<InfoHash, String> names(Map<String, Torrent> byReference) {
        Map<InfoHash, String> names = new LinkedHashMap<>();
        byReference.forEach((reference, torrent) -> {
            List<InfoHash> swarms = torrent.hashes().swarms();
            for (InfoHash swarm : swarms) {
                String label = torrent.name().getOrElse("");
                if (swarms.size() > 1 && torrent.hashes().v2().exists(v2 -> v2.truncated().equals(swarm))) {
                    label += " (v2 swarm)";
                }
                names.putIfAbsent(swarm, label);
            }
        });
        return names;
    }

    private void writeTracker(TrackerScrape tracker, Map<InfoHash, String> names, PrintWriter out) {
        out.println(Text.printable(tracker.url().display(network.showSecrets) + ": "
                + TrackerOutput.outcome(tracker.status().label(),
                        tracker.error().map(error -> tracker.url().displayIn(error, network.showSecrets))))
                + ", " + tracker.attempts() + (tracker.attempts() == 1 ? " request, " : " requests, ")
                + Formats.duration(tracker.elapsed()));
        if (tracker.ok()) {
            out.println(String.format(Locale.ROOT, "  %-40s %9s %9s %9s  %s", "INFO HASH", "SEEDERS", "COMPLETED",
                    "LEECHERS", "NAME"));
            for (InfoHash swarm : tracker.asked()) {
                ScrapeStats stats = tracker.stats().get(swarm);
                out.println(stats == null
                        ? String.format(Locale.ROOT, "  %-40s %9s %9s %9s  %s", swarm.hex(), "-", "-", "-",
                                Text.printable((names.getOrDefault(swarm, "") + " (not reported)").strip()))
                        : String.format(Locale.ROOT, "  %-40s %9d %9d %9d  %s", swarm.hex(), stats.seeders(),
                                stats.completed(), stats.leechers(), Text.printable(names.getOrDefault(swarm, ""))));
            }
        }
    }

    private void writeJson(ScrapeReport report, Map<String, Torrent> byReference, boolean interrupted, PrintWriter out) {
        Json.write(out, true, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("torrents");
            for (var entry : byReference.entrySet()) {
                Torrent torrent = entry.getValue();
                json.writeStartObject();
                json.writeStringField("reference", display(entry.getKey(), torrent));
                json.writeStringField("name", torrent.name().getOrNull());
                json.writeStringField("infoHash", torrent.hashes().v1().map(InfoHash::hex).getOrNull());
                json.writeStringField("infoHashV2", torrent.hashes().v2().map(InfoHashV2::hex).getOrNull());
                json.writeArrayFieldStart("swarms");
                for (InfoHash swarm : torrent.hashes().swarms()) {
                    json.writeString(swarm.hex());
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("trackers");
            for (TrackerScrape tracker : report.trackers()) {
                json.writeStartObject();
                json.writeStringField("url", tracker.url().display(network.showSecrets));
                json.writeStringField("status", tracker.status().label());
                json.writeStringField("error", tracker.error().map(error -> tracker.url().displayIn(error, network.showSecrets)).getOrNull());
                json.writeNumberField("attempts", tracker.attempts());
                json.writeNumberField("elapsedMs", tracker.elapsed().toMillis());
                json.writeArrayFieldStart("swarms");
                for (InfoHash swarm : tracker.asked()) {
                    ScrapeStats stats = tracker.stats().get(swarm);
                    json.writeStartObject();
                    json.writeStringField("infoHash", swarm.hex());
                    if (stats == null) {
                        json.writeNullField("seeders");
                        json.writeNullField("completed");
                        json.writeNullField("leechers");
                    } else {
                        json.writeNumberField("seeders", stats.seeders());
                        json.writeNumberField("completed", stats.completed());
                        json.writeNumberField("leechers", stats.leechers());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeBooleanField("interrupted", interrupted);
            json.writeNumberField("elapsedMs", report.elapsed().toMillis());
            json.writeEndObject();
        });
        out.println();
    }
}
