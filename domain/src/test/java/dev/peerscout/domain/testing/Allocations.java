package dev.peerscout.domain.testing;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Heap bytes the current thread allocates while it runs an action, as HotSpot counts them. Fuzz
 * tests use it to catch a decoder that allocates what an input claims rather than what it holds:
 * with inputs of a few KiB that never runs out of memory, so only a budget per input byte shows it.
 */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {}

    /**
     * Runs {@code action} and fails with an {@link AssertionError} if it allocated more than
     * {@code fixed + perInputByte * inputLength} bytes; returns its result. An action over budget
     * is run once more and fails only if it is over again: the first run of a code path may load
     * (and, when fuzzing, instrument) classes, which costs megabytes once; a claimed length costs
     * them every time. So the action must be repeatable, as decoding is.
     */
    public static <T> T withinBudget(int inputLength, long fixed, long perInputByte, Supplier<T> action) {
        long budget = fixed + perInputByte * inputLength;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        T result = action.get();
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (allocated <= budget) {
            return result;
        }
        before = THREADS.getCurrentThreadAllocatedBytes();
        result = action.get();
        allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (allocated > budget) {
            throw new AssertionError("allocated " + allocated + " bytes for an input of " + inputLength
                    + " bytes, more than the budget of " + budget
                    + ": an allocation sized by a claim, not by the input?");
        }
        return result;
    }
}
