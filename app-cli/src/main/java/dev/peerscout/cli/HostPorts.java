package dev.peerscout.cli;

import dev.peerscout.domain.model.HostPort;
import io.vavr.control.Either;

/** Reads {@code host:port}, {@code 1.2.3.4:port} and {@code [v6]:port} as users type them. */
final class HostPorts {
    private HostPorts() {}

    static Either<String, HostPort> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Either.left("expected HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            return Either.left("write an IPv6 address in brackets: [::1]:6881");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Either.left("the port is not a number");
        }
        if (host.isBlank() || port < 1 || port > 0xFFFF) {
            return Either.left("expected HOST:PORT with a port from 1 to 65535");
        }
        return Either.right(new HostPort(host, port));
    }
}
