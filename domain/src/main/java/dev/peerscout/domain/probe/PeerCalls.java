package dev.peerscout.domain.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the runs that call peers over the wire share (a probe, a metadata request): their bounds and their call. */
public final class PeerCalls {
    /** A call needs at least this long to mean anything; with less left, a peer is skipped. */
    private static final Duration MIN_CALL_TIME = Duration.ofMillis(200);
    /** The adapter owes an outcome by the deadline; this guards against one that does not keep its word. */
    public static final Duration GUARD_SLACK = Duration.ofMillis(500);

    private PeerCalls() {}

    /** Too little time is left before {@code deadline} for a call to mean anything. */
    public static boolean tooLate(Instant now, Instant deadline) {
        return Duration.between(now, deadline).compareTo(MIN_CALL_TIME) < 0;
    }

    /** The wire's future; an adapter that throws (a bug) gives the outcome {@code broken} makes of it. */
    public static <R> CompletableFuture<R> call(Supplier<CompletableFuture<R>> wire, Function<String, R> broken) {
        try {
            return wire.get();
        } catch (RuntimeException bug) {
            return CompletableFuture.completedFuture(broken.apply(String.valueOf(bug)));
        }
    }

    /** Once {@code slot} completes first (the run ended), {@code call} is cancelled: the adapter closes it. */
    public static void cancelWhenDone(CompletableFuture<?> slot, CompletableFuture<?> call) {
        slot.whenComplete((result, bug) -> call.cancel(false));
    }
}
