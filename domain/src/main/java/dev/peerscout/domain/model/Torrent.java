package dev.peerscout.domain.model;

import io.vavr.control.Option;
import java.util.List;
import java.util.Objects;

/**
 * Everything peer discovery needs to know about one torrent, whether it came from a .torrent
 * file or a magnet link.
 *
 * @param name       the display name, if the source gives one
 * @param contents   files and sizes; empty for a magnet link
 * @param isPrivate  BEP 27: only the torrent's own trackers may be asked, one at a time
 * @param peerHints  peers named by the source itself (magnet {@code x.pe})
 * @param dhtNodes   DHT bootstrap nodes named by the source ({@code nodes})
 * @param warnings   things that were odd but not fatal, in words for a user
 */
public record Torrent(
        Option<String> name,
        InfoHashes hashes,
        List<Tier> tiers,
        Option<Contents> contents,
        boolean isPrivate,
        List<HostPort> peerHints,
        List<HostPort> dhtNodes,
        List<String> warnings) {

    public Torrent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hashes, "hashes");
        Objects.requireNonNull(contents, "contents");
        tiers = List.copyOf(tiers);
        peerHints = List.copyOf(peerHints);
        dhtNodes = List.copyOf(dhtNodes);
        warnings = List.copyOf(warnings);
    }

    /** Every tracker URL of every tier, in tier order. */
    public List<TrackerUrl> trackers() {
        return tiers.stream().flatMap(tier -> tier.trackers().stream()).toList();
    }
}
