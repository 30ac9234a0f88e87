package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.TrackerFailure;
import java.util.Locale;

/** How one tracker ended. Scripts see {@link #label()}. */
public enum TrackerStatus {
    OK,
    ERROR,
    TIMEOUT,
    UNREACHABLE,
    DNS,
    MALFORMED,
    UNSUPPORTED,
    /** A bug in peerscout's client for this tracker. */
    INTERNAL,
    /** Not asked, or not waited for: a private torrent's spare tracker, or enough peers already. */
    SKIPPED;

    public static TrackerStatus of(TrackerFailure.Kind kind) {
        return valueOf(kind.name());
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
