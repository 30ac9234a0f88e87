package dev.peerscout.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What a run opened and must close before the JVM exits: adapters with sockets and receiver
 * threads. A thread that waits in the kernel (a selector, a socket read) makes HotSpot's exit wait
 * up to 300 ms for it, so the command would end that much after its work; closed, it ends at once.
 */
@Singleton
final class Resources implements AutoCloseable, Runnable {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private boolean closed;

    @Inject
    Resources() {}

    /** Takes {@code resource} to close at the end (last opened, first closed); closes it at once when that has passed. */
    <T extends AutoCloseable> T closedAtExit(T resource) {
        synchronized (this) {
            if (!closed) {
                open.push(resource);
                return resource;
            }
        }
        closeQuietly(resource);
        return resource;
    }

    /** Closes everything taken so far; safe to call more than once and from any thread. */
    @Override
    public void close() {
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                closed = true;
                next = open.poll();
            }
            if (next == null) {
                return;
            }
            closeQuietly(next);
        }
    }

    /** As a shutdown hook (a named class rather than a lambda: no method handles spun at start-up). */
    @Override
    public void run() {
        close();
    }

    /** The process is ending: a resource that fails to close must not turn a result into a stack trace. */
    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // Nothing to do at exit; the OS releases what is left.
        }
    }
}
