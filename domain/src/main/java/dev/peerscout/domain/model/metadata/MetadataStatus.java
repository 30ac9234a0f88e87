package dev.peerscout.domain.model.metadata;

/** How asking one peer for a torrent's info dictionary (BEP 9) ended. */
public enum MetadataStatus {
    /** The peer handed over a whole copy; whether it is the right one is decided by its hash. */
    COPY,
    /** The copy's hash is not the link's: discarded, the peer is not asked again. */
    WRONG_HASH,
    /** No connection, or no handshake for this swarm. */
    UNREACHABLE,
    /** The peer does not offer {@code ut_metadata}, or offers it without a size. */
    NOT_OFFERED,
    /** The peer's {@code metadata_size} is zero, negative or above the cap: nothing was asked. */
    BAD_SIZE,
    /** Data that disagrees with the advertised size, or a piece of the wrong length. */
    BAD_DATA,
    /** The peer rejected our requests. */
    REJECTED,
    /** The peer broke the protocol or closed the connection before the copy was whole. */
    CLOSED,
    /** The copy was not whole by the deadline. */
    TIMEOUT,
    /** Not asked: the run had ended, or the address may not be contacted. */
    SKIPPED
}
