package dev.peerscout.domain.model.probe;

import dev.peerscout.domain.model.Peer;
import java.util.Objects;

/** A peer another peer told us about through PEX (BEP 11), with the flags it gave. */
public record PexPeer(Peer peer, int flags) {
    public static final int SEED = 0x02;

    public PexPeer {
        Objects.requireNonNull(peer, "peer");
    }

    public boolean seed() {
        return (flags & SEED) != 0;
    }
}
