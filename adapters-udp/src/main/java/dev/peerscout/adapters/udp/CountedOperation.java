package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.adapters.udp.transport.Operation;
import dev.peerscout.domain.model.AddressFamily;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An operation that adds each datagram its exchange sends to its call's count, which the caller may read
 * while the call is in flight (one announce to both families, or many scrape batches, share one).
 */
final class CountedOperation<R> implements Operation<R> {
    private final Operation<R> operation;
    private final AtomicInteger sent;

    CountedOperation(Operation<R> operation, AtomicInteger sent) {
        this.operation = operation;
        this.sent = sent;
    }

    @Override
    public Action action() {
        return operation.action();
    }

    @Override
    public byte[] encode(long connectionId, int transactionId) {
        return operation.encode(connectionId, transactionId);
    }

    @Override
    public Either<MalformedPacket, R> decode(ByteBuffer datagram, AddressFamily family) {
        return operation.decode(datagram, family);
    }

    @Override
    public void requesting(Duration connectTook) {
        operation.requesting(connectTook);
    }

    @Override
    public void sent() {
        sent.incrementAndGet();
    }
}
