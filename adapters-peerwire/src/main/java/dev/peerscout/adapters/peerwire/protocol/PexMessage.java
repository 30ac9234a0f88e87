package dev.peerscout.adapters.peerwire.protocol;

import dev.peerscout.domain.model.probe.PexPeer;
import io.vavr.control.Either;
import java.util.List;

/**
 * A BEP 11 {@code ut_pex} message: peers the sender is connected to ({@code added}, 6 bytes each,
 * {@code added6}, 18 bytes each) with one flag byte each in {@code added.f} / {@code added6.f}.
 * Dropped peers are of no use to a prober and are not kept.
 *
 * @param added    at most the decoder's cap, IPv4 first; port 0 entries left out
 * @param offered  how many entries the message held in all
 */
public record PexMessage(List<PexPeer> added, int offered) {

    public PexMessage {
        added = List.copyOf(added);
    }

    public static Either<String, PexMessage> decode(byte[] payload, int maxPeers) {
        return ExtensionCodec.decodePex(payload, maxPeers);
    }
}
