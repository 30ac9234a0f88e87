package dev.peerscout.adapters.udp.transport;

import dev.peerscout.domain.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * The timeouts of one endpoint (retransmissions, deadlines, idle close) behind a single task on
 * the injected {@link Scheduler}, armed for the earliest of them.
 *
 * <p>Two kinds of timer, kept where each is cheapest. {@link #after} timers of one delay are due in
 * the order they were made (the clock only moves forward), so each delay has a first-in-first-out
 * lane: a retransmission costs an append, not a heap insertion among thousands of deadlines.
 * {@link #at} timers (deadlines) go to a heap; the many requests of one call share a deadline, and
 * equal ones stay at the heap's bottom.
 *
 * <p>Not thread-safe: used under the endpoint's lock; {@code withLock} runs the armed task there.
 * Cancelled timers stay where they are until due, or until they are the majority and get swept.
 */
final class TimerQueue {
    private static final int SWEEP_THRESHOLD = 1024;
    /** Delays with a lane of their own; any others share the heap. */
    private static final int MAX_LANES = 16;

    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;
    private static final Comparator<Timer> EARLIEST_FIRST =
            Comparator.<Timer>comparingLong(timer -> timer.due).thenComparingLong(timer -> timer.order);

    /** A pending timeout; cancelling it is cheap and final. */
    static final class Timer {
        /** Nanoseconds since the queue's epoch. */
        private final long due;
        /** Creation order: timers due at the same moment run in the order they were made. */
        private final long order;

        private final Runnable action;
        private boolean cancelled;

        private Timer(long due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }
    }

    /** The timers of one delay, due in the order they were made. */
    private record Lane(long delay, ArrayDeque<Timer> timers) {}

    private final Scheduler scheduler;
    private final Consumer<Runnable> withLock;
    private final Instant epoch;
    private final List<Lane> lanes = new ArrayList<>();
    private final PriorityQueue<Timer> heap = new PriorityQueue<>(EARLIEST_FIRST);
    private final Runnable fireWithLock;
    private long sequence;
    private int size;
    private int cancelled;
    private boolean armedTask;
    private long armedFor;
    /** While due timers run, new ones only join the queue: the task is re-armed once, at the end. */
    private boolean firing;

    private Scheduler.Cancellable armed = () -> {};

    TimerQueue(Scheduler scheduler, Consumer<Runnable> withLock) {
        this.scheduler = scheduler;
        this.withLock = withLock;
        this.epoch = scheduler.now();
        Runnable fire = this::fire;
        this.fireWithLock = () -> withLock.accept(fire);
    }

    /** Runs {@code action} once {@code delay} has passed. */
    Timer after(Duration delay, Runnable action) {
        long nanos = Math.max(0, nanos(delay));
        Timer timer = new Timer(saturatedSum(now(), nanos), sequence++, action);
        Lane lane = laneFor(nanos);
        if (lane != null && (lane.timers.isEmpty() || lane.timers.peekLast().due <= timer.due)) {
            lane.timers.add(timer);
        } else {
            heap.add(timer);
        }
        return added(timer);
    }

    /** Runs {@code action} at {@code due}, or as soon as possible if that has passed. */
    Timer at(Instant due, Runnable action) {
        Timer timer = new Timer(Math.max(now(), sinceEpoch(due)), sequence++, action);
        heap.add(timer);
        return added(timer);
    }

    void cancel(Timer timer) {
        if (timer != null && !timer.cancelled) {
            timer.cancelled = true;
            cancelled++;
            if (cancelled > SWEEP_THRESHOLD && cancelled > size / 2) {
                heap.removeIf(t -> t.cancelled);
                lanes.forEach(lane -> lane.timers.removeIf(t -> t.cancelled));
                size -= cancelled;
                cancelled = 0;
            }
        }
    }

    /** Timers held, cancelled ones not yet swept included. */
    int size() {
        return size;
    }

    /** Stops the armed task; pending timers never run. */
    void clear() {
        armed.cancel();
        armedTask = false;
        // Marked so that cancelling one later cannot count it against timers the queue still holds.
        heap.forEach(timer -> timer.cancelled = true);
        lanes.forEach(lane -> lane.timers.forEach(timer -> timer.cancelled = true));
        heap.clear();
        lanes.clear();
        size = 0;
        cancelled = 0;
    }

    private Timer added(Timer timer) {
        size++;
        if (!firing && (!armedTask || timer.due < armedFor)) {
            arm(timer.due);
        }
        return timer;
    }

    private Lane laneFor(long delay) {
        for (Lane lane : lanes) {
            if (lane.delay == delay) {
                return lane;
            }
        }
        if (lanes.size() == MAX_LANES) {
            return null;
        }
        Lane lane = new Lane(delay, new ArrayDeque<>());
        lanes.add(lane);
        return lane;
    }

    private void arm(long due) {
        armed.cancel();
        armedTask = true;
        armedFor = due;
        armed = scheduler.schedule(Duration.ofNanos(Math.max(0, due - now())), fireWithLock);
    }

    private void fire() {
        armed.cancel();
        armedTask = false;
        firing = true;
        try {
            long now = now();
            Queue<Timer> source;
            while ((source = earliest()) != null && source.peek().due <= now) {
                Timer timer = source.poll();
                size--;
                timer.cancelled = true;
                timer.action.run();
            }
        } finally {
            firing = false;
        }
        Queue<Timer> next = earliest();
        if (next != null) {
            arm(next.peek().due);
        }
    }

    /** The lane or heap whose first live timer is due first (cancelled ones are dropped on the way). */
    private Queue<Timer> earliest() {
        Queue<Timer> best = withLiveHead(heap);
        for (Lane lane : lanes) {
            Queue<Timer> candidate = withLiveHead(lane.timers);
            if (candidate != null && (best == null || EARLIEST_FIRST.compare(candidate.peek(), best.peek()) < 0)) {
                best = candidate;
            }
        }
        return best;
    }

    private Queue<Timer> withLiveHead(Queue<Timer> timers) {
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
            size--;
            cancelled--;
        }
        return timers.isEmpty() ? null : timers;
    }

    private long now() {
        return sinceEpoch(scheduler.now());
    }

    /** Saturates rather than overflows: a deadline centuries away is simply never due. */
    private long sinceEpoch(Instant instant) {
        long seconds = instant.getEpochSecond() - epoch.getEpochSecond();
        if (seconds > MAX_SECONDS) {
            return Long.MAX_VALUE;
        }
        if (seconds < -MAX_SECONDS) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + (instant.getNano() - epoch.getNano());
    }

    private static long nanos(Duration delay) {
        try {
            return delay.toNanos();
        } catch (ArithmeticException e) {
            return delay.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        // Overflow only if both have the same sign and the sum's differs.
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
