package dev.peerscout.domain.model;

import java.time.Duration;

/**
 * Why one tracker gave no usable answer. These are expected outcomes, returned as values; bugs
 * throw instead. Each carries a one-line message for people.
 */
public sealed interface TrackerFailure {

    /** A short line for people, without the tracker's URL (callers add it, redacted). */
    String message();

    Kind kind();

    /** Requests sent before giving up (retransmissions included); none for a name that did not resolve. */
    default int attempts() {
        return 0;
    }

    /** The categories scripts see (the {@code status} of a tracker in {@code --json}). */
    enum Kind {
        ERROR,
        TIMEOUT,
        UNREACHABLE,
        DNS,
        MALFORMED,
        UNSUPPORTED,
        INTERNAL
    }

    /** No answer before the deadline. */
    record Timeout(int attempts, Duration waited) implements TrackerFailure {
        @Override
        public String message() {
            return "no answer after " + attempts + (attempts == 1 ? " try" : " tries") + " in " + waited.toMillis()
                    + " ms";
        }

        @Override
        public Kind kind() {
            return Kind.TIMEOUT;
        }
    }

    /** The tracker answered with an error (UDP action 3, HTTP {@code failure reason}). */
    record Rejected(String reason, int attempts) implements TrackerFailure {
        @Override
        public String message() {
            return "tracker says: " + reason;
        }

        @Override
        public Kind kind() {
            return Kind.ERROR;
        }
    }

    /**
     * Nothing listens there: ICMP port unreachable, connection refused, no route.
     *
     * @param refused the host itself said no (ICMP port unreachable, TCP reset), as opposed to no
     *                route, a TLS failure or a closed client; {@code peers} does not tell them apart,
     *                tracker health does
     */
    record Unreachable(String detail, int attempts, boolean refused) implements TrackerFailure {
        public Unreachable(String detail, int attempts) {
            this(detail, attempts, false);
        }

        @Override
        public String message() {
            return "unreachable: " + detail;
        }

        @Override
        public Kind kind() {
            return Kind.UNREACHABLE;
        }
    }

    /** The host name does not resolve (to an allowed address family). */
    record DnsFailure(String host, String detail) implements TrackerFailure {
        @Override
        public String message() {
            return "cannot resolve " + host + (detail.isEmpty() ? "" : ": " + detail);
        }

        @Override
        public Kind kind() {
            return Kind.DNS;
        }
    }

    /** The tracker answered with something we cannot read. */
    record Malformed(String detail, int attempts) implements TrackerFailure {
        @Override
        public String message() {
            return "malformed answer: " + detail;
        }

        @Override
        public Kind kind() {
            return Kind.MALFORMED;
        }
    }

    /** We do not speak this tracker's protocol (wss://, no scheme, a bad URL). */
    record Unsupported(String detail) implements TrackerFailure {
        @Override
        public String message() {
            return "unsupported: " + detail;
        }

        @Override
        public Kind kind() {
            return Kind.UNSUPPORTED;
        }
    }

    /** The tracker's URL cannot be requested as written (a port out of range): nothing was sent. */
    record MalformedUrl(String detail) implements TrackerFailure {
        @Override
        public String message() {
            return "malformed tracker URL: " + detail;
        }

        @Override
        public Kind kind() {
            return Kind.MALFORMED;
        }
    }

    /**
     * A client failed in a way it did not expect: a bug, reported for this tracker alone. The
     * message holds the innermost cause's own words, never a Java class name.
     */
    record Internal(String detail) implements TrackerFailure {
        public static Internal of(Throwable bug) {
            return new Internal(Problems.describe(bug, "unexpected failure"));
        }

        @Override
        public String message() {
            return "internal error: " + detail;
        }

        @Override
        public Kind kind() {
            return Kind.INTERNAL;
        }
    }
}
