package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.model.scrape.ScrapeStatsMap;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One tracker's answer to a scrape of every swarm it was asked about.
 *
 * @param asked the swarms sent to it, in order
 * @param stats counts per swarm it reported (a swarm it left out is absent)
 */
public record TrackerScrape(
        TrackerUrl url,
        TrackerStatus status,
        Option<String> error,
        List<InfoHash> asked,
        Map<InfoHash, ScrapeStats> stats,
        int attempts,
        Duration elapsed) {

    public TrackerScrape {
        asked = List.copyOf(asked);
        stats = ScrapeStatsMap.copyOf(stats);
    }

    public boolean ok() {
        return status == TrackerStatus.OK;
    }
}
