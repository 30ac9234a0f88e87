package dev.peerscout.domain.model.probe;

/** How a probe of one peer ended, by the name reports give it. Only {@link #OK} means verified. */
public enum ProbeStatus {
    /** Answered the handshake with our swarm's hash and kept to the protocol while we stayed. */
    OK("ok"),
    /** The connection was refused (nothing listens there). */
    REFUSED("refused"),
    /** No connection, or no handshake, before the peer's time ran out. */
    TIMEOUT("timeout"),
    /** The peer closed or reset the connection before its handshake was complete, or in the middle of a message. */
    CLOSED("closed"),
    /** A BitTorrent handshake for another swarm. */
    WRONG_HASH("wrong-hash"),
    /** Something other than the peer wire protocol, or a peer that broke it after the handshake. */
    NOT_BITTORRENT("not-bittorrent"),
    /** No route to the address. */
    UNREACHABLE("unreachable"),
    /** Not probed at all (the reason says why). */
    SKIPPED("skipped");

    private final String label;

    ProbeStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
