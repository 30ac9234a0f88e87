package dev.peerscout.domain.testing;

import dev.peerscout.domain.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A scheduler whose clock moves only when a test says so. {@link #advance} runs every task that
 * falls due, in time order, on the calling thread, so tests of retransmission and deadlines never
 * sleep.
 */
public final class FakeScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public FakeScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public FakeScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable action) {
        Task task = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, action);
        queue.add(task);
        return () -> {
            synchronized (FakeScheduler.this) {
                queue.remove(task);
            }
        };
    }

    /** Moves the clock forward, running each task when its time comes. */
    public void advance(Duration by) {
        Instant target;
        synchronized (this) {
            target = now.plus(by);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
            }
            next.action.run();
        }
    }

    /** Runs what is due now without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    public synchronized int pendingTasks() {
        return queue.size();
    }

    private record Task(Instant due, long order, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
