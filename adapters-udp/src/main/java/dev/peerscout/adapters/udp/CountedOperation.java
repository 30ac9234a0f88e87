package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.transport.Operation;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An operation that adds each datagram its exchange sends to its call's count, which the caller may read
 * while the call is in flight (one announce to both families, or many scrape batches, share one).
 */
final class CountedOperation<R> extends DecoratedOperation<R> {
    private final AtomicInteger sent;

    CountedOperation(Operation<R> operation, AtomicInteger sent) {
        super(operation, operation::decode);
        this.sent = sent;
    }

    @Override
    public void sent() {
        sent.incrementAndGet();
    }
}
