package dev.peerscout.domain.model;

import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hashes that identify one torrent: v1, v2, or both for a hybrid. At least one is present.
 */
public record InfoHashes(Option<InfoHash> v1, Option<InfoHashV2> v2) {

    public InfoHashes {
        Objects.requireNonNull(v1, "v1");
        Objects.requireNonNull(v2, "v2");
        if (v1.isEmpty() && v2.isEmpty()) {
            throw new IllegalArgumentException("a torrent needs a v1 or a v2 info hash");
        }
    }

    public static InfoHashes v1(InfoHash v1) {
        return new InfoHashes(Option.of(v1), Option.none());
    }

    public static InfoHashes v2(InfoHashV2 v2) {
        return new InfoHashes(Option.none(), Option.of(v2));
    }

    public static InfoHashes hybrid(InfoHash v1, InfoHashV2 v2) {
        return new InfoHashes(Option.of(v1), Option.of(v2));
    }

    public TorrentVersion version() {
        if (v1.isDefined() && v2.isDefined()) {
            return TorrentVersion.HYBRID;
        }
        return v1.isDefined() ? TorrentVersion.V1 : TorrentVersion.V2;
    }

    /**
     * The swarms to announce, in order: the v1 hash, then the truncated v2 hash. A hybrid has two
     * swarms on every tracker (libtorrent announces both).
     */
    public List<InfoHash> swarms() {
        List<InfoHash> swarms = new ArrayList<>(2);
        v1.forEach(swarms::add);
        v2.map(InfoHashV2::truncated).filter(h -> !swarms.contains(h)).forEach(swarms::add);
        return List.copyOf(swarms);
    }
}
