package dev.peerscout.domain.port;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * A tracker call's future that also says how many requests the call has sent so far (connects,
 * announces, retransmissions, scrape batches: what the outcome's {@code attempts} counts). A caller
 * that stops waiting before the outcome (discovery ended early) reports this count, which only the
 * adapter knows; and whether the tracker may have received the request itself (a goodbye is owed
 * then), which also only the adapter knows. Stages derived from it are plain {@link CompletableFuture}s.
 */
public final class CallInFlight<T> extends CompletableFuture<T> {
    private final IntSupplier requestsSent;
    private final BooleanSupplier requestMayHaveArrived;

    private CallInFlight(IntSupplier requestsSent, BooleanSupplier requestMayHaveArrived) {
        this.requestsSent = requestsSent;
        this.requestMayHaveArrived = requestMayHaveArrived;
    }

    /**
     * Completes as {@code outcome} does; {@code requestsSent} is read live, from any thread. The
     * request may have arrived as soon as anything was sent.
     */
    public static <T> CallInFlight<T> of(CompletableFuture<T> outcome, IntSupplier requestsSent) {
        return of(outcome, requestsSent, () -> requestsSent.getAsInt() > 0);
    }

    /**
     * As {@link #of(CompletableFuture, IntSupplier)}, for a protocol whose request goes out only
     * after other steps: {@code requestMayHaveArrived} tells, live, whether it has left (a UDP
     * tracker's announce, after its connect was answered).
     */
    public static <T> CallInFlight<T> of(
            CompletableFuture<T> outcome, IntSupplier requestsSent, BooleanSupplier requestMayHaveArrived) {
        CallInFlight<T> call = new CallInFlight<>(requestsSent, requestMayHaveArrived);
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
        return new CallInFlight<>(requestsSent, () -> requestsSent.getAsInt() > 0);
    }

    /**
     * As {@link #completedBy(IntSupplier)}, for a protocol whose request goes out only after other
     * steps: {@code requestMayHaveArrived} tells, live, whether it has left (an HTTP request once
     * written, not while its connection or TLS is still being set up).
     */
    public static <T> CallInFlight<T> completedBy(IntSupplier requestsSent, BooleanSupplier requestMayHaveArrived) {
        return new CallInFlight<>(requestsSent, requestMayHaveArrived);
    }

    /** A call that ended before it could send anything (a malformed URL, an unsupported scheme). */
    public static <T> CallInFlight<T> unsent(T outcome) {
        CallInFlight<T> call = new CallInFlight<>(() -> 0, () -> false);
        call.complete(outcome);
        return call;
    }

    /** Requests sent for this call until now. */
    public int requestsSent() {
        return requestsSent.getAsInt();
    }

    /**
     * Whether the tracker may have received this call's request by now (an announce that may have
     * registered us). False while only preliminaries were sent: a UDP tracker that never answered
     * our connect cannot have our {@code started}, so it is owed no {@code stopped}.
     */
    public boolean requestMayHaveArrived() {
        return requestMayHaveArrived.getAsBoolean();
    }
}
