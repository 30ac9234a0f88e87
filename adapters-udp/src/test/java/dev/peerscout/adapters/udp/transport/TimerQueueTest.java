package dev.peerscout.adapters.udp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.testing.FakeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final TimerQueue timers = new TimerQueue(clock, Runnable::run);
    private final List<String> ran = new ArrayList<>();

    @Test
    void timersRunInDueOrderOnOneSchedulerTask() {
        timers.after(Duration.ofSeconds(30), () -> ran.add("30"));
        timers.after(Duration.ofSeconds(10), () -> ran.add("10"));
        timers.after(Duration.ofSeconds(20), () -> ran.add("20"));

        assertEquals(1, clock.pendingTasks(), "only the earliest is armed");
        clock.advance(Duration.ofSeconds(25));
        assertEquals(List.of("10", "20"), ran);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("10", "20", "30"), ran);
        assertEquals(0, clock.pendingTasks());
    }

    @Test
    void aTimerAddedWhileFiringDoesNotPostponeAnEarlierOne() {
        timers.after(Duration.ofSeconds(1), () -> {
            ran.add("first");
            timers.after(Duration.ofSeconds(100), () -> ran.add("late"));
        });
        timers.after(Duration.ofSeconds(10), () -> ran.add("deadline"));

        clock.advance(Duration.ofSeconds(10));

        assertEquals(List.of("first", "deadline"), ran);
    }

    @Test
    void cancelledTimersNeverRunAndAreSweptWhenTheyPileUp() {
        List<TimerQueue.Timer> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(timers.after(Duration.ofSeconds(60 + i), () -> ran.add("cancelled")));
        }
        timers.after(Duration.ofSeconds(5000), () -> ran.add("kept"));

        many.forEach(timers::cancel);
        assertTrue(timers.size() < 3001, "swept: " + timers.size());
        clock.advance(Duration.ofHours(2));

        assertEquals(List.of("kept"), ran);
    }

    @Test
    void anEarlierTimerRearmsTheTask() {
        timers.after(Duration.ofSeconds(60), () -> ran.add("60"));
        timers.after(Duration.ofSeconds(5), () -> ran.add("5"));

        clock.advance(Duration.ofSeconds(5));

        assertEquals(List.of("5"), ran);
        assertEquals(1, clock.pendingTasks());
    }

    @Test
    void delaysAndDeadlinesRunTogetherInDueOrder() {
        timers.at(clock.now().plus(Duration.ofSeconds(15)), () -> ran.add("deadline 15"));
        timers.after(Duration.ofSeconds(10), () -> ran.add("retransmit 10"));
        clock.advance(Duration.ofSeconds(1));
        timers.after(Duration.ofSeconds(10), () -> ran.add("retransmit 11"));
        timers.at(clock.now().plus(Duration.ofSeconds(2)), () -> ran.add("deadline 3"));
        timers.after(Duration.ofSeconds(30), () -> ran.add("idle 31"));

        clock.advance(Duration.ofSeconds(40));

        assertEquals(List.of("deadline 3", "retransmit 10", "retransmit 11", "deadline 15", "idle 31"), ran);
    }

    @Test
    void timersDueAtTheSameMomentRunInTheOrderTheyWereMade() {
        timers.at(clock.now().plus(Duration.ofSeconds(5)), () -> ran.add("deadline"));
        timers.after(Duration.ofSeconds(5), () -> ran.add("retransmit"));
        timers.at(clock.now().plus(Duration.ofSeconds(5)), () -> ran.add("second deadline"));

        clock.advance(Duration.ofSeconds(5));

        assertEquals(List.of("deadline", "retransmit", "second deadline"), ran);
    }

    @Test
    void cancelledTimersAtTheFrontDoNotArmTheTask() {
        TimerQueue.Timer early = timers.after(Duration.ofSeconds(1), () -> ran.add("early"));
        timers.after(Duration.ofSeconds(1), () -> ran.add("kept"));
        timers.cancel(early);
        TimerQueue.Timer later = timers.after(Duration.ofSeconds(2), () -> ran.add("cancelled"));
        timers.cancel(later);

        clock.advance(Duration.ofSeconds(1));

        assertEquals(List.of("kept"), ran);
        assertEquals(0, clock.pendingTasks(), "nothing live is left to wait for");
        assertEquals(0, timers.size());
    }

    @Test
    void deadlinesInThePastRunAtOnceAndCenturiesAheadNever() {
        timers.at(Instant.MAX, () -> ran.add("never"));
        timers.after(Duration.ofSeconds(Long.MAX_VALUE), () -> ran.add("never either"));
        timers.at(clock.now().minus(Duration.ofDays(1)), () -> ran.add("overdue"));

        clock.runDue();
        clock.advance(Duration.ofDays(365 * 100));

        assertEquals(List.of("overdue"), ran);
    }
}
