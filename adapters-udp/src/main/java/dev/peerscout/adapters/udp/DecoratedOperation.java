package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.adapters.udp.transport.Operation;
import dev.peerscout.domain.model.AddressFamily;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.BiFunction;

/**
 * An operation around another: it sends what {@code inner} sends and reads the answer with
 * {@code decoder}; subclasses add their bookkeeping to the exchange's steps.
 */
abstract class DecoratedOperation<R> implements Operation<R> {
    private final Operation<?> inner;
    private final BiFunction<ByteBuffer, AddressFamily, Either<MalformedPacket, R>> decoder;

    DecoratedOperation(Operation<?> inner, BiFunction<ByteBuffer, AddressFamily, Either<MalformedPacket, R>> decoder) {
        this.inner = inner;
        this.decoder = decoder;
    }

    @Override
    public Action action() {
        return inner.action();
    }

    @Override
    public byte[] encode(long connectionId, int transactionId) {
        return inner.encode(connectionId, transactionId);
    }

    @Override
    public Either<MalformedPacket, R> decode(ByteBuffer datagram, AddressFamily family) {
        return decoder.apply(datagram, family);
    }

    @Override
    public void requesting(Duration connectTook) {
        inner.requesting(connectTook);
    }
}
