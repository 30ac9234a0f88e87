package dev.peerscout.domain.model.scrape;

import dev.peerscout.domain.model.InfoHash;
import java.util.Map;

/**
 * A tracker's answer to a scrape: counts per requested swarm. A hash the tracker did not report
 * is absent (HTTP) or all zeros (UDP, opentracker).
 *
 * @param stats immutable; a {@link ScrapeStatsMap} is kept as it is, any other map is copied into one
 */
public record ScrapeResponse(Map<InfoHash, ScrapeStats> stats, int attempts) {

    public ScrapeResponse {
        stats = ScrapeStatsMap.copyOf(stats);
        if (attempts < 1) {
            throw new IllegalArgumentException("an answer needs at least one attempt");
        }
    }
}
