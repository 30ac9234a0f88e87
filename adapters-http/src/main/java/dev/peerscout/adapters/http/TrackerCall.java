package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call of the port, bound to its deadline on the scheduler's clock. At the deadline the
 * result becomes a {@link TrackerFailure.Timeout} and whatever is in flight is cancelled (the
 * connection is closed); an earlier result cancels the timer.
 */
final class TrackerCall<T> {
    private final Scheduler scheduler;
    private final Instant started;
    private final Instant deadline;
    private final AtomicInteger requests = new AtomicInteger();
    /** Requests handed to the HTTP client so far (redirects too): what a caller that stops waiting is told. */
    private final AtomicInteger sent = new AtomicInteger();

    /** A request's bytes have started to go out (its connection and TLS are set up): the tracker may have it. */
    private volatile boolean written;

    private final CallInFlight<Either<TrackerFailure, T>> result = CallInFlight.completedBy(sent::get, () -> written);
    private volatile CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
    /** The host being resolved, if any: a deadline that strikes then is a {@code dns} failure, not a timeout. */
    private volatile String resolving;

    TrackerCall(Scheduler scheduler, Instant deadline) {
        this.scheduler = scheduler;
        this.started = scheduler.now();
        this.deadline = deadline;
        Duration remaining = remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            expire();
            return;
        }
        Scheduler.Cancellable timer = scheduler.schedule(remaining, this::expire);
        result.whenComplete((outcome, error) -> {
            timer.cancel();
            inFlight.cancel(true);
        });
    }

    CompletableFuture<Either<TrackerFailure, T>> result() {
        return result;
    }

    Instant deadline() {
        return deadline;
    }

    void resolving(String host) {
        resolving = host;
    }

    void resolved() {
        resolving = null;
    }

    Duration remaining() {
        return Duration.between(scheduler.now(), deadline);
    }

    /** Counts a request sent for this call (scrape batches, 414 retries). */
    void countRequest() {
        requests.incrementAndGet();
    }

    /** A request is being handed to the HTTP client. */
    void sending() {
        sent.incrementAndGet();
    }

    /** A request's bytes are about to be written to its connection. */
    void writing() {
        written = true;
    }

    /** This call's result, with the requests it has sent so far. */
    CallInFlight<Either<TrackerFailure, T>> inFlight() {
        return result;
    }

    int attempts() {
        return Math.max(1, requests.get());
    }

    TrackerFailure.Timeout timeout() {
        return new TrackerFailure.Timeout(attempts(), Duration.between(started, scheduler.now()));
    }

    /** Remembers the step in flight, to cancel it at the deadline. */
    <F extends CompletableFuture<?>> F track(F step) {
        inFlight = step;
        if (result.isDone()) {
            step.cancel(true);
        }
        return step;
    }

    /** Completes the call: a value, or (for a bug only) an exception. A late outcome is dropped. */
    void finish(Either<TrackerFailure, T> outcome, Throwable error) {
        if (error != null) {
            result.completeExceptionally(error);
        } else {
            result.complete(outcome);
        }
    }

    private void expire() {
        String host = resolving;
        result.complete(Either.left(
                host == null
                        ? timeout()
                        : new TrackerFailure.DnsFailure(
                                host,
                                "not resolved within "
                                        + Duration.between(started, scheduler.now())
                                                .toMillis() + " ms")));
    }
}
