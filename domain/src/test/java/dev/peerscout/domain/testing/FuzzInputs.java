package dev.peerscout.domain.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

/** Hang detection for Jazzer {@code @FuzzTest}s, in both of their modes. */
public final class FuzzInputs {
    /** Far above any single input's decoding time (milliseconds), far below a stuck CI job. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private FuzzInputs() {}

    /**
     * Runs the check of one input. When Jazzer fuzzes ({@code JAZZER_FUZZ} set), libFuzzer's own
     * {@code -timeout} (bench/fuzz.sh) catches a hang at no cost per input; when {@code mvn test}
     * replays the inputs, a preemptive deadline does. Not JUnit's {@code @Timeout} on the fuzz
     * test: JUnit would apply it to a whole fuzzing run (jazzer issue #930).
     */
    public static void withinDeadline(Runnable check) {
        String fuzzing = System.getenv("JAZZER_FUZZ");
        if (fuzzing != null && !fuzzing.isEmpty()) {
            check.run();
        } else {
            assertTimeoutPreemptively(DEADLINE, check::run);
        }
    }
}
