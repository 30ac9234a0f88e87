package dev.peerscout.cli;

import dagger.Lazy;
import dev.peerscout.domain.discovery.ScrapeReport;
import dev.peerscout.domain.discovery.ScrapeSwarms;
import dev.peerscout.domain.discovery.TrackerScrape;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.ScrapeStats;
import dev.peerscout.domain.model.Torrent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
            "3:internal error"})
final class ScrapeCommand implements Callable<Integer> {
    private static final Pattern V1_HEX = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern V2_HEX = Pattern.compile("[0-9A-Fa-f]{64}");

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

    private final TorrentReferences torrents;
    private final Lazy<ScrapeSwarms> scrapeSwarms;

    @Inject
    ScrapeCommand(TorrentReferences torrents, Lazy<ScrapeSwarms> scrapeSwarms) {
        this.torrents = torrents;
        this.scrapeSwarms = scrapeSwarms;
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
        if (extra.isEmpty() && byReference.values().stream().allMatch(t -> t.tiers().isEmpty())) {
            throw new UserError("no tracker to ask: none of the torrents names one; add one with --tracker URL");
        }
        ScrapeReport report;
        try {
            report = scrapeSwarms.get().start(List.copyOf(byReference.values()), extra, timeout)
                    .get(timeout.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("scrape did not end by its deadline", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<InfoHash, String> names = names(byReference);
        if (json) {
            writeJson(report, byReference, out);
        } else {
            writeText(report, names, out);
        }
        out.flush();
        return report.anyAnswer() ? ExitCodes.OK : ExitCodes.NOTHING_FOUND;
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

    private static List<String> referencesFrom(String file) {
        if (file == null) {
            return List.of();
        }
        try {
            List<String> lines = "-".equals(file)
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()
                    : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            return lines.stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
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

    private void writeText(ScrapeReport report, Map<InfoHash, String> names, PrintWriter out) {
        for (TrackerScrape tracker : report.trackers()) {
            out.println(tracker.url().display(network.showSecrets) + ": "
                    + TrackerOutput.outcome(tracker.status().label(), tracker.error())
                    + ", " + tracker.attempts() + (tracker.attempts() == 1 ? " request, " : " requests, ")
                    + Formats.duration(tracker.elapsed()));
            if (tracker.ok()) {
                out.println(String.format(Locale.ROOT, "  %-40s %9s %9s %9s  %s", "INFO HASH", "SEEDERS", "COMPLETED",
                        "LEECHERS", "NAME"));
                for (InfoHash swarm : tracker.asked()) {
                    ScrapeStats stats = tracker.stats().get(swarm);
                    out.println(stats == null
                            ? String.format(Locale.ROOT, "  %-40s %9s %9s %9s  %s", swarm.hex(), "-", "-", "-",
                                    names.getOrDefault(swarm, "") + " (not reported)")
                            : String.format(Locale.ROOT, "  %-40s %9d %9d %9d  %s", swarm.hex(), stats.seeders(),
                                    stats.completed(), stats.leechers(), names.getOrDefault(swarm, "")));
                }
            }
        }
        long answered = report.trackers().stream().filter(TrackerScrape::ok).count();
        spec.commandLine().getErr().println(answered + " of " + report.trackers().size() + " trackers answered in "
                + Formats.duration(report.elapsed()));
        spec.commandLine().getErr().flush();
    }

    private void writeJson(ScrapeReport report, Map<String, Torrent> byReference, PrintWriter out) {
        Json.write(out, true, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("torrents");
            for (var entry : byReference.entrySet()) {
                Torrent torrent = entry.getValue();
                json.writeStartObject();
                json.writeStringField("reference", entry.getKey().startsWith("magnet:") ? "magnet" : entry.getKey());
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
                json.writeStringField("error", tracker.error().getOrNull());
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
            json.writeNumberField("elapsedMs", report.elapsed().toMillis());
            json.writeEndObject();
        });
        out.println();
    }
}
