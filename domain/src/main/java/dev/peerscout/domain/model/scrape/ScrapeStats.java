package dev.peerscout.domain.model.scrape;

/** A tracker's counts for one swarm. {@code completed} is how many times it was downloaded. */
public record ScrapeStats(long seeders, long completed, long leechers) {

    public ScrapeStats {
        if (seeders < 0 || completed < 0 || leechers < 0) {
            throw new IllegalArgumentException("negative scrape count");
        }
    }
}
