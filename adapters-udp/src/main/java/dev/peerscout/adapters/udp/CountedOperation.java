package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.transport.Operation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An operation that adds each datagram its exchange sends to its call's count, which the caller may read
 * while the call is in flight (one announce to both families, or many scrape batches, share one).
 */
final class CountedOperation<R> extends DecoratedOperation<R> {
    private final AtomicInteger sent;
    private final AtomicBoolean requested;

    CountedOperation(Operation<R> operation, AtomicInteger sent) {
        this(operation, sent, new AtomicBoolean());
    }

    /** {@code requested} is set once the request itself, not only a connect, goes out. */
    CountedOperation(Operation<R> operation, AtomicInteger sent, AtomicBoolean requested) {
        super(operation, operation::decode);
        this.sent = sent;
        this.requested = requested;
    }

    @Override
    public void requesting(Duration connectTook) {
        requested.set(true);
        super.requesting(connectTook);
    }

    @Override
    public void sent() {
        sent.incrementAndGet();
    }
}
