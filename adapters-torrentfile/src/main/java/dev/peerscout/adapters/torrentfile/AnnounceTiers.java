package dev.peerscout.adapters.torrentfile;

import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.TrackerUrl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects tracker URLs into BEP 12 tiers: URLs trimmed, empty ones skipped, a URL already seen
 * (in any tier) dropped, tiers that end up empty left out. A tier keeps the index it was given,
 * its position in the source, as libtorrent does (an empty tier leaves a gap).
 */
final class AnnounceTiers {
    private final Map<Integer, List<TrackerUrl>> tiers = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();

    /** Adds a URL to a tier; false if it was empty or already present. */
    boolean add(int tierIndex, String url) {
        String trimmed = url.strip();
        if (trimmed.isEmpty() || !seen.add(trimmed)) {
            return false;
        }
        tiers.computeIfAbsent(tierIndex, index -> new ArrayList<>()).add(TrackerUrl.of(trimmed));
        return true;
    }

    boolean isEmpty() {
        return tiers.isEmpty();
    }

    List<Tier> build() {
        List<Tier> built = new ArrayList<>(tiers.size());
        tiers.forEach((index, urls) -> built.add(new Tier(index, urls)));
        return built;
    }
}
