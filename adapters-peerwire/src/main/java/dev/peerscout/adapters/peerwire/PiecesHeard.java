package dev.peerscout.adapters.peerwire;

import dev.peerscout.adapters.peerwire.protocol.Frames;
import dev.peerscout.adapters.peerwire.protocol.WireMessage;
import io.vavr.control.Option;

/** What a peer told of the pieces it has: {@code have_all} or {@code have_none} (BEP 6), a bitfield, haves. */
final class PiecesHeard {
    private final Frames.Limits limits;
    private WireMessage.Bitfield bitfield;
    private byte[] haveBits;
    private Boolean all; // have_all: true, have_none: false

    PiecesHeard(Frames.Limits limits) {
        this.limits = limits;
    }

    /** Takes what a message says of pieces; returns a protocol problem, or null (also for other messages). */
    String take(WireMessage message, boolean fast) {
        if (message instanceof WireMessage.HaveAll || message instanceof WireMessage.HaveNone) {
            if (!fast) {
                return "have_all/have_none without the fast extension";
            }
            all = message instanceof WireMessage.HaveAll;
        } else if (message instanceof WireMessage.Bitfield b) {
            bitfield = b;
            haveBits = b.bits();
        } else if (message instanceof WireMessage.Have have) {
            long pieces = limits.pieceCount();
            if (pieces >= 0 && (have.piece() < 0 || have.piece() >= pieces)) {
                return "have for piece " + Integer.toUnsignedString(have.piece()) + " of " + pieces;
            }
            if (pieces >= 0 && all == null) {
                if (haveBits == null) {
                    haveBits = new byte[limits.bitfieldBytes()];
                }
                haveBits[have.piece() / 8] |= (byte) (0x80 >>> (have.piece() % 8));
            }
        }
        return null;
    }

    /** The peer said something of its pieces. */
    boolean known() {
        return all != null || bitfield != null || haveBits != null;
    }

    /** The share of the pieces it has, when it told and we know how many there are. */
    Option<Double> percent() {
        long pieces = limits.pieceCount();
        if (all != null) {
            return Option.of(all ? 100.0 : 0.0);
        }
        if (haveBits != null && pieces > 0) {
            return Option.of(new WireMessage.Bitfield(haveBits).count() * 100.0 / pieces);
        }
        // Also when BEP 6 promised piece information and none came while we stayed.
        return Option.none();
    }

    boolean seed() {
        if (all != null) {
            return all;
        }
        long pieces = limits.pieceCount();
        return haveBits != null && pieces > 0 && new WireMessage.Bitfield(haveBits).count() == pieces;
    }
}
