package dev.peerscout.domain.run;

import java.util.function.Consumer;

/**
 * The stop of something a run starts without holding its lock (a discovery, a swarm run): a stop
 * asked for before that thing exists is passed on the moment it does. Thread-safe; it stops
 * without holding its own lock.
 */
public final class LateStop {
    private Consumer<String> stopper;
    private String wanted;

    /** The thing to stop exists now; a stop asked for already is made at once. */
    public void arrived(Consumer<String> stopper) {
        String why;
        synchronized (this) {
            this.stopper = stopper;
            why = wanted;
        }
        if (why != null) {
            stopper.accept(why);
        }
    }

    /** Stops it now, or the moment it arrives. */
    public void stop(String why) {
        Consumer<String> now;
        synchronized (this) {
            now = stopper;
            if (now == null) {
                wanted = why;
            }
        }
        if (now != null) {
            now.accept(why);
        }
    }
}
