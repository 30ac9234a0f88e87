package dev.peerscout.domain.model.probe;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a probe of one peer ended.
 *
 * @param status  the outcome; {@link ProbeStatus#OK} means verified
 * @param error   why it was not verified, in words for a user; for {@code ok}, anything odd
 * @param rtt     the TCP connect time (one round trip), when connected
 * @param details what the peer told us, once its handshake was read
 * @param pex     peers it told us about (BEP 11), at most the adapter's cap
 */
public record ProbeResult(
        ProbeStatus status,
        Option<String> error,
        Option<Duration> rtt,
        Option<PeerDetails> details,
        List<PexPeer> pex) {

    public ProbeResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(details, "details");
        pex = List.copyOf(pex);
        if (status == ProbeStatus.OK && details.isEmpty()) {
            throw new IllegalArgumentException("a verified peer has details");
        }
    }

    public static ProbeResult failed(ProbeStatus status, String error, Option<Duration> rtt) {
        return new ProbeResult(status, Option.of(error), rtt, Option.none(), List.of());
    }

    public static ProbeResult skipped(String why) {
        return failed(ProbeStatus.SKIPPED, why, Option.none());
    }

    public boolean verified() {
        return status == ProbeStatus.OK;
    }
}
