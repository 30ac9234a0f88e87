package dev.peerscout.domain.port;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * A tracker call's future that also says how many requests the call has sent so far (connects,
 * announces, retransmissions, scrape batches: what the outcome's {@code attempts} counts). A caller
 * that stops waiting before the outcome (discovery ended early) reports this count, which only the
 * adapter knows. Stages derived from it are plain {@link CompletableFuture}s.
 */
public final class CallInFlight<T> extends CompletableFuture<T> {
    private final IntSupplier requestsSent;

    private CallInFlight(IntSupplier requestsSent) {
        this.requestsSent = requestsSent;
    }

    /** Completes as {@code outcome} does; {@code requestsSent} is read live, from any thread. */
    public static <T> CallInFlight<T> of(CompletableFuture<T> outcome, IntSupplier requestsSent) {
        CallInFlight<T> call = new CallInFlight<>(requestsSent);
        outcome.whenComplete((value, bug) -> {
            if (bug == null) {
                call.complete(value);
            } else {
                call.completeExceptionally(bug);
            }
        });
        return call;
    }

    /** A call the adapter completes itself (no stage in between), counting with {@code requestsSent}. */
    public static <T> CallInFlight<T> completedBy(IntSupplier requestsSent) {
        return new CallInFlight<>(requestsSent);
    }

    /** A call that ended before it could send anything (a malformed URL, an unsupported scheme). */
    public static <T> CallInFlight<T> unsent(T outcome) {
        CallInFlight<T> call = new CallInFlight<>(() -> 0);
        call.complete(outcome);
        return call;
    }

    /** Requests sent for this call until now. */
    public int requestsSent() {
        return requestsSent.getAsInt();
    }
}
