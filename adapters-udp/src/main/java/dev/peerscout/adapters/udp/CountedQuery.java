package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.adapters.udp.transport.Query;
import dev.peerscout.domain.model.AddressFamily;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A query that adds each datagram its exchange sends to its call's count, which the caller may read
 * while the call is in flight (one announce to both families, or many scrape batches, share one),
 * and marks when the request itself, not only a connect, has gone out.
 */
final class CountedQuery<R> implements Query<R> {
    private final Query<R> query;
    private final AtomicInteger sent;
    private final AtomicBoolean requested;

    CountedQuery(Query<R> query, AtomicInteger sent) {
        this(query, sent, new AtomicBoolean());
    }

    CountedQuery(Query<R> query, AtomicInteger sent, AtomicBoolean requested) {
        this.query = query;
        this.sent = sent;
        this.requested = requested;
    }

    @Override
    public Action action() {
        return query.action();
    }

    @Override
    public byte[] encode(long connectionId, int transactionId) {
        return query.encode(connectionId, transactionId);
    }

    @Override
    public Either<MalformedPacket, R> decode(ByteBuffer datagram, AddressFamily family) {
        return query.decode(datagram, family);
    }

    @Override
    public void requesting(Duration connectTook) {
        requested.set(true);
        query.requesting(connectTook);
    }

    @Override
    public void sent() {
        sent.incrementAndGet();
    }
}
