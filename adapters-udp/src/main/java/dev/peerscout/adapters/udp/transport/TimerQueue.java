package dev.peerscout.adapters.udp.transport;

import dev.peerscout.domain.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The timeouts of one endpoint (retransmissions, deadlines, idle close) behind a single task on
 * the injected {@link Scheduler}, armed for the earliest of them. Most new timeouts fall after
 * the armed one, so a request costs a heap insertion instead of a schedule and a cancel on a
 * shared timer (and often a wake-up of its thread).
 *
 * <p>Not thread-safe: used under the endpoint's lock; {@code locked} runs the armed task there.
 * Cancelled timers stay in the heap until due, or until they are the majority and get swept.
 */
final class TimerQueue {
    private static final int SWEEP_THRESHOLD = 1024;

    /** A pending timeout; cancelling it is cheap and final. */
    static final class Timer {
        private final Instant due;
        private final long order;
        private final Runnable action;
        private boolean cancelled;

        private Timer(Instant due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }
    }

    private final Scheduler scheduler;
    private final Consumer<Runnable> locked;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> {
        int byTime = a.due.compareTo(b.due);
        return byTime != 0 ? byTime : Long.compare(a.order, b.order);
    });
    private long sequence;
    private int cancelled;
    private Instant armedFor;
    /** While due timers run, new ones only join the heap: the task is re-armed once, at the end. */
    private boolean firing;
    private Scheduler.Cancellable armed = () -> { };

    TimerQueue(Scheduler scheduler, Consumer<Runnable> locked) {
        this.scheduler = scheduler;
        this.locked = locked;
    }

    Timer schedule(Duration delay, Runnable action) {
        Timer timer = new Timer(scheduler.now().plus(delay), sequence++, action);
        timers.add(timer);
        if (!firing && (armedFor == null || timer.due.isBefore(armedFor))) {
            arm(timer.due);
        }
        return timer;
    }

    void cancel(Timer timer) {
        if (timer != null && !timer.cancelled) {
            timer.cancelled = true;
            cancelled++;
            if (cancelled > SWEEP_THRESHOLD && cancelled > timers.size() / 2) {
                timers.removeIf(t -> t.cancelled);
                cancelled = 0;
            }
        }
    }

    /** Timers in the heap, cancelled ones not yet swept included. */
    int size() {
        return timers.size();
    }

    /** Stops the armed task; pending timers never run. */
    void clear() {
        armed.cancel();
        armedFor = null;
        timers.clear();
        cancelled = 0;
    }

    private void arm(Instant due) {
        armed.cancel();
        armedFor = due;
        armed = scheduler.schedule(Duration.between(scheduler.now(), due), () -> locked.accept(this::fire));
    }

    private void fire() {
        armed.cancel();
        armedFor = null;
        firing = true;
        try {
            Instant now = scheduler.now();
            while (!timers.isEmpty() && !timers.peek().due.isAfter(now)) {
                Timer timer = timers.poll();
                if (timer.cancelled) {
                    cancelled--;
                } else {
                    timer.cancelled = true;
                    timer.action.run();
                }
            }
        } finally {
            firing = false;
        }
        if (!timers.isEmpty()) {
            arm(timers.peek().due);
        }
    }
}
