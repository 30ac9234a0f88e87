package dev.peerscout.cli;

import dev.peerscout.domain.discovery.ScrapeReport;
import dev.peerscout.domain.discovery.TrackerScrape;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import java.io.PrintWriter;
import java.util.Map;

/** {@code scrape --json}: the torrents asked about and every tracker's counts, one document at the end. */
final class ScrapeJson {
    private final PrintWriter out;
    private final boolean showSecrets;

    ScrapeJson(PrintWriter out, boolean showSecrets) {
        this.out = out;
        this.showSecrets = showSecrets;
    }

    void write(ScrapeReport report, Map<String, Torrent> byReference, boolean interrupted) {
        Json.write(out, true, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("torrents");
            for (var entry : byReference.entrySet()) {
                Torrent torrent = entry.getValue();
                json.writeStartObject();
                json.writeStringField("reference", TorrentReferences.display(entry.getKey(), torrent, showSecrets));
                json.writeStringField("name", torrent.name().getOrNull());
                json.writeStringField(
                        "infoHash", torrent.hashes().v1().map(InfoHash::hex).getOrNull());
                json.writeStringField(
                        "infoHashV2", torrent.hashes().v2().map(InfoHashV2::hex).getOrNull());
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
                json.writeStringField("url", tracker.url().display(showSecrets));
                json.writeStringField("status", tracker.status().label());
                json.writeStringField(
                        "error",
                        tracker.error()
                                .map(error -> tracker.url().displayIn(error, showSecrets))
                                .getOrNull());
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
