package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.adapters.udp.protocol.AnnounceReply;
import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.adapters.udp.protocol.UdpAnnounceRequest;
import dev.peerscout.adapters.udp.transport.Operation;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import io.vavr.control.Either;
import java.nio.ByteBuffer;

/**
 * An announce, with the tracker URL's path and query as BEP 41 URLData. Encoded when first sent
 * (thousands may wait their turn, and should hold no more than their request meanwhile), then each
 * retransmission or send after a reconnect only stamps in new ids. One per exchange: it is not
 * thread-safe.
 */
final class AnnounceOperation implements Operation<AnnounceReply> {
    private final AnnounceRequest request;
    private final String urlData;
    private byte[] encoded;

    AnnounceOperation(AnnounceRequest request, String urlData) {
        this.request = request;
        this.urlData = urlData;
    }

    @Override
    public Action action() {
        return Action.ANNOUNCE;
    }

    @Override
    public byte[] encode(long connectionId, int transactionId) {
        if (encoded == null) {
            // Sent as it is: datagrams are never written to once made.
            encoded = UdpAnnounceRequest.of(connectionId, transactionId, request, urlData)
                    .toBytes();
            return encoded;
        }
        return UdpAnnounceRequest.withIds(encoded, connectionId, transactionId);
    }

    @Override
    public Either<MalformedPacket, AnnounceReply> decode(ByteBuffer datagram, AddressFamily family) {
        return AnnounceReply.decode(datagram, family);
    }
}
