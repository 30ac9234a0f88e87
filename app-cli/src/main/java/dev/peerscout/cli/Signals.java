package dev.peerscout.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signals a command reacts to, through the JDK's {@code sun.misc.Signal} (in
 * {@code jdk.unsupported}, which the JDK keeps for exactly this). Where a signal cannot be
 * handled (another OS, {@code -Xrs}), the JVM's default stays: it exits at once.
 */
final class Signals {
    private Signals() {}

    /**
     * Ctrl-C (SIGINT), SIGTERM and SIGHUP while a command runs. The first completes
     * {@link #first()} with the exit code the shell expects (128 + the signal's number: 130, 143,
     * 129) and the command ends its work the way its deadline would; a second ends the process at
     * once, after {@code beforeHalt} (which clears the status line). A signal the process was
     * started ignoring ({@code nohup}, {@code &} in a script) stays ignored. {@link #close()} puts
     * back what was there before.
     */
    static final class Interrupts implements AutoCloseable {
        private static final String[] NAMES = {"INT", "TERM", "HUP"};

        private final CompletableFuture<Integer> first = new CompletableFuture<>();
        private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        private volatile Runnable beforeHalt = () -> {};

        private Interrupts() {}

        static Interrupts install() {
            Interrupts interrupts = new Interrupts();
            SignalHandler handler = interrupts::received;
            for (String name : NAMES) {
                try {
                    Signal signal = new Signal(name);
                    SignalHandler old = Signal.handle(signal, handler);
                    if (old == SignalHandler.SIG_IGN) {
                        Signal.handle(signal, old);
                    } else {
                        interrupts.previous.put(signal, old);
                    }
                } catch (IllegalArgumentException | UnsupportedOperationException e) {
                    // Not on this OS, or the JVM keeps it (-Xrs): its default stays.
                }
            }
            return interrupts;
        }

        /** Runs before a second signal ends the process. */
        void beforeHalt(Runnable action) {
            beforeHalt = action;
        }

        /** Completes with the exit code when the first signal arrives. */
        CompletableFuture<Integer> first() {
            return first;
        }

        boolean happened() {
            return first.isDone();
        }

        /** 128 + the first signal's number, if one came. */
        int exitCode() {
            return first.getNow(0);
        }

        private void received(Signal signal) {
            int code = 128 + signal.getNumber();
            if (!first.complete(code)) {
                beforeHalt.run();
                Runtime.getRuntime().halt(code);
            }
        }

        @Override
        public void close() {
            previous.forEach((signal, handler) -> {
                try {
                    Signal.handle(signal, handler);
                } catch (IllegalArgumentException e) {
                    // It could be handled a moment ago; nothing better to restore it to.
                }
            });
            previous.clear();
        }
    }

    /** Runs {@code action} (briefly) whenever the terminal window is resized (SIGWINCH). */
    static void onResize(Runnable action) {
        try {
            Signal.handle(new Signal("WINCH"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No such signal here: the width stays as first measured.
        }
    }
}
