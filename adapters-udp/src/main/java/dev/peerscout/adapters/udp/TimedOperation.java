package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.adapters.udp.transport.Operation;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * An operation that notes the times of its steps for a health check: the connect time of the id it
 * uses, and when its request last went out. Touched only by its exchange (under the endpoint's
 * lock) and then read by the exchange's conclusion on the same thread.
 */
final class TimedOperation<R> extends DecoratedOperation<R> {
    private final Scheduler scheduler;
    private Option<Duration> connectTook = Option.none();
    private Instant requestSent;

    /** @param decoder reads the answer in place of {@code request}'s own decoder */
    TimedOperation(
            Operation<?> request,
            BiFunction<ByteBuffer, AddressFamily, Either<MalformedPacket, R>> decoder,
            Scheduler scheduler) {
        super(request, decoder);
        this.scheduler = scheduler;
    }

    /** Notes the times; unlike other decorations, does not pass the step on to {@code request}. */
    @Override
    public void requesting(Duration connect) {
        connectTook = Option.some(connect);
        requestSent = scheduler.now();
    }

    /** None until a connection id was obtained. */
    Option<Duration> connectTook() {
        return connectTook;
    }

    /** From the request's last first sending (or {@code started}, if it never went out) to now. */
    Duration requestTook(Instant started) {
        return Duration.between(requestSent == null ? started : requestSent, scheduler.now());
    }
}
