package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.adapters.udp.protocol.ScrapeReply;
import dev.peerscout.adapters.udp.protocol.ScrapeRequest;
import dev.peerscout.adapters.udp.transport.Operation;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.InfoHash;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.util.List;

/** One scrape datagram's worth of hashes (at most {@value ScrapeRequest#MAX_HASHES}). */
record ScrapeOperation(List<InfoHash> batch) implements Operation<ScrapeReply> {

    ScrapeOperation {
        batch = List.copyOf(batch);
    }

    @Override
    public Action action() {
        return Action.SCRAPE;
    }

    @Override
    public byte[] encode(long connectionId, int transactionId) {
        return new ScrapeRequest(connectionId, transactionId, batch).toBytes();
    }

    /** The reply must cover every hash asked; entries beyond them are tolerated as trailing bytes. */
    @Override
    public Either<MalformedPacket, ScrapeReply> decode(ByteBuffer datagram, AddressFamily family) {
        return ScrapeReply.decode(datagram)
                .flatMap(reply -> reply.entries().size() >= batch.size()
                        ? Either.right(reply)
                        : Either.left(new MalformedPacket("scrape reply has "
                                + reply.entries().size() + " entries for " + batch.size() + " hashes")));
    }
}
