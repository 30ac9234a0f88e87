package dev.peerscout.cli;

import dev.peerscout.domain.discovery.TrackerScrape;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code scrape} for people: each tracker's line and, when it answered, its table of swarms. */
final class ScrapeTable {
    private static final String ROW = "  %-40s %9s %9s %9s  %s";

    private final PrintWriter out;
    private final boolean showSecrets;
    /** The swarm's name as its torrent gives it, for the last column. */
    private final Map<InfoHash, String> names;

    ScrapeTable(PrintWriter out, boolean showSecrets, Collection<Torrent> torrents) {
        this.out = out;
        this.showSecrets = showSecrets;
        this.names = names(torrents);
    }

    private static Map<InfoHash, String> names(Collection<Torrent> torrents) {
        Map<InfoHash, String> names = new LinkedHashMap<>();
        for (Torrent torrent : torrents) {
            List<InfoHash> swarms = torrent.hashes().swarms();
            for (InfoHash swarm : swarms) {
                String label = torrent.name().getOrElse("");
                if (swarms.size() > 1
                        && torrent.hashes().v2().exists(v2 -> v2.truncated().equals(swarm))) {
                    label += " (v2 swarm)";
                }
                names.putIfAbsent(swarm, label);
            }
        }
        return names;
    }

    void tracker(TrackerScrape tracker) {
        out.println(Text.printable(tracker.url().display(showSecrets) + ": "
                        + TrackerOutput.outcome(
                                tracker.status().label(),
                                tracker.error().map(error -> tracker.url().displayIn(error, showSecrets))))
                + ", " + tracker.attempts() + (tracker.attempts() == 1 ? " request, " : " requests, ")
                + Formats.duration(tracker.elapsed()));
        if (tracker.ok()) {
            out.println(String.format(Locale.ROOT, ROW, "INFO HASH", "SEEDERS", "COMPLETED", "LEECHERS", "NAME"));
            for (InfoHash swarm : tracker.asked()) {
                ScrapeStats stats = tracker.stats().get(swarm);
                out.println(
                        stats == null
                                ? String.format(
                                        Locale.ROOT,
                                        ROW,
                                        swarm.hex(),
                                        "-",
                                        "-",
                                        "-",
                                        Text.printable((names.getOrDefault(swarm, "") + " (not reported)").strip()))
                                : String.format(
                                        Locale.ROOT,
                                        "  %-40s %9d %9d %9d  %s",
                                        swarm.hex(),
                                        stats.seeders(),
                                        stats.completed(),
                                        stats.leechers(),
                                        Text.printable(names.getOrDefault(swarm, ""))));
            }
        }
        out.flush();
    }
}
