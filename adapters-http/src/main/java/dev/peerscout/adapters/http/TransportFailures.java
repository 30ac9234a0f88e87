package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.TrackerFailure;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLException;

/**
 * Maps what an {@link AddressedExchange} throws to the domain's failures. The interesting
 * exception may be a cause (a future wraps it), so the whole cause chain is searched, most
 * specific kind first.
 */
final class TransportFailures {
    private TransportFailures() {}

    /** None for exceptions that are bugs, not network outcomes. */
    static Option<TrackerFailure> of(Throwable error, String host, TrackerCall<?> call) {
        if (find(error, UnknownHostException.class) != null) {
            return Option.some(new TrackerFailure.DnsFailure(host, "unknown host"));
        }
        if (find(error, CancellationException.class) != null || find(error, SocketTimeoutException.class) != null) {
            return Option.some(call.timeout());
        }
        Throwable refused = find(error, ConnectException.class);
        if (refused == null) {
            refused = find(error, NoRouteToHostException.class);
        }
        if (refused != null) {
            String detail = describe(refused, "connection refused");
            // The JDK says "Connection refused" for a reset to our SYN; "Network is unreachable" is no refusal.
            boolean reset = refused instanceof ConnectException
                    && detail.toLowerCase(Locale.ROOT).contains("refused");
            return Option.some(new TrackerFailure.Unreachable(detail, 1, reset));
        }
        Throwable tls = find(error, SSLException.class);
        if (tls != null) {
            return Option.some(new TrackerFailure.Unreachable("TLS failed: " + describe(tls, "handshake error"), 1));
        }
        Throwable io = find(error, IOException.class);
        if (io != null) {
            return Option.some(new TrackerFailure.Unreachable(describe(io, "connection failed"), 1));
        }
        return Option.none();
    }

    private static Throwable find(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable error, String fallback) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? fallback : message;
    }
}
