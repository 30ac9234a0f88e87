package dev.peerscout.domain.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock and one daemon timer thread (it never keeps the JVM alive). Time advances with
 * {@link System#nanoTime()} from the wall-clock instant at start, so a clock step (NTP, a
 * suspended laptop) cannot move a deadline.
 */
public final class SystemScheduler implements Scheduler {
    private final Instant start = Clock.systemUTC().instant();
    private final long startNanos = System.nanoTime();
    private final ScheduledThreadPoolExecutor executor;

    public SystemScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "peerscout-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return start.plusNanos(System.nanoTime() - startNanos);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        var future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
