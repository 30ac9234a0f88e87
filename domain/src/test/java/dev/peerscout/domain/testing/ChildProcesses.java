package dev.peerscout.domain.testing;

import java.util.concurrent.TimeUnit;

/** Real servers and peers that tests start: stopped by their pid, even if the test JVM dies. */
public final class ChildProcesses {
    private ChildProcesses() {}

    /** Makes sure a test JVM that is killed or times out does not leave {@code process} running. */
    public static Process killedOnExit(Process process) {
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return process;
    }

    /** SIGTERM, then SIGKILL after 5 s; every wait is bounded. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
