package dev.peerscout.domain.health;

import dev.peerscout.domain.model.TrackerFailure;
import java.util.Locale;

/** How one tracker address fared, best first. Scripts see {@link #label()}. */
public enum CheckStatus {
    OK,
    /** The tracker answered with an error text ("info hash not whitelisted"): it is alive. */
    ERROR,
    TIMEOUT,
    /** The connection was refused (TCP RST, ICMP port unreachable): nothing listens there. */
    REFUSED,
    UNREACHABLE,
    DNS,
    MALFORMED,
    /** The checker failed in a way it did not expect (a bug), for this tracker alone. */
    INTERNAL,
    /** Not a tracker URL we can check (wss://, no scheme), or an address the HTTP client cannot target. */
    UNSUPPORTED,
    /** Not finished when the user ended the run (Ctrl-C): nothing is known. */
    SKIPPED;

    public static CheckStatus of(TrackerFailure failure) {
        if (failure instanceof TrackerFailure.Unreachable unreachable && unreachable.refused()) {
            return REFUSED;
        }
        return valueOf(failure.kind().name());
    }

    /** Answering at all, even with an error, is being alive. */
    public boolean alive() {
        return this == OK || this == ERROR;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
