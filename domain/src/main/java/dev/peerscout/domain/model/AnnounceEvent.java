package dev.peerscout.domain.model;

/** The event an announce reports (BEP 3 / BEP 15). */
public enum AnnounceEvent {
    /** A regular re-announce. */
    NONE,
    COMPLETED,
    /** The first announce of a session. */
    STARTED,
    /** We are leaving: the tracker should forget us. */
    STOPPED
}
