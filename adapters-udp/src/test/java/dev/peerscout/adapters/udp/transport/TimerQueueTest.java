package dev.peerscout.adapters.udp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.testing.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final TimerQueue timers = new TimerQueue(clock, Runnable::run);
    private final List<String> ran = new ArrayList<>();

    @Test
    void timersRunInDueOrderOnOneSchedulerTask() {
        timers.schedule(Duration.ofSeconds(30), () -> ran.add("30"));
        timers.schedule(Duration.ofSeconds(10), () -> ran.add("10"));
        timers.schedule(Duration.ofSeconds(20), () -> ran.add("20"));

        assertEquals(1, clock.pendingTasks(), "only the earliest is armed");
        clock.advance(Duration.ofSeconds(25));
        assertEquals(List.of("10", "20"), ran);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("10", "20", "30"), ran);
        assertEquals(0, clock.pendingTasks());
    }

    @Test
    void aTimerAddedWhileFiringDoesNotPostponeAnEarlierOne() {
        timers.schedule(Duration.ofSeconds(1), () -> {
            ran.add("first");
            timers.schedule(Duration.ofSeconds(100), () -> ran.add("late"));
        });
        timers.schedule(Duration.ofSeconds(10), () -> ran.add("deadline"));

        clock.advance(Duration.ofSeconds(10));

        assertEquals(List.of("first", "deadline"), ran);
    }

    @Test
    void cancelledTimersNeverRunAndAreSweptWhenTheyPileUp() {
        List<TimerQueue.Timer> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(timers.schedule(Duration.ofSeconds(60 + i), () -> ran.add("cancelled")));
        }
        timers.schedule(Duration.ofSeconds(5000), () -> ran.add("kept"));

        many.forEach(timers::cancel);
        assertTrue(timers.size() < 3001, "swept: " + timers.size());
        clock.advance(Duration.ofHours(2));

        assertEquals(List.of("kept"), ran);
    }

    @Test
    void anEarlierTimerRearmsTheTask() {
        timers.schedule(Duration.ofSeconds(60), () -> ran.add("60"));
        timers.schedule(Duration.ofSeconds(5), () -> ran.add("5"));

        clock.advance(Duration.ofSeconds(5));

        assertEquals(List.of("5"), ran);
        assertEquals(1, clock.pendingTasks());
    }
}
