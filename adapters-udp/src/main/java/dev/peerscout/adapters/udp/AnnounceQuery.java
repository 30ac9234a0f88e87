package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.adapters.udp.protocol.AnnounceReply;
import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.adapters.udp.protocol.UdpAnnounceRequest;
import dev.peerscout.adapters.udp.transport.Query;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import io.vavr.control.Either;
import java.nio.ByteBuffer;

/** An announce, with the tracker URL's path and query as BEP 41 URLData. */
record AnnounceQuery(AnnounceRequest request, String urlData) implements Query<AnnounceReply> {

    @Override
    public Action action() {
        return Action.ANNOUNCE;
    }

    @Override
    public byte[] encode(long connectionId, int transactionId) {
        return UdpAnnounceRequest.of(connectionId, transactionId, request, urlData).toBytes();
    }

    @Override
    public Either<MalformedPacket, AnnounceReply> decode(ByteBuffer datagram, AddressFamily family) {
        return AnnounceReply.decode(datagram, family);
    }
}
