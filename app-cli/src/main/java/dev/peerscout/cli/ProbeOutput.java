package dev.peerscout.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.probe.PeerDetails;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.probe.SwarmReport;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/** How a probe's outcome looks: a line for people, JSON fields, and the run's summary. */
final class ProbeOutput {
    private ProbeOutput() {}

    /** {@code probe 1.2.3.4:51413: ok, Transmission 4.0.5, 100% (seed), 38 ms} or {@code ...: timeout: no handshake after 5 s}. */
    static String line(Peer peer, ProbeResult result) {
        StringBuilder line = new StringBuilder("probe ")
                .append(peer)
                .append(": ")
                .append(result.status().label());
        if (result.verified()) {
            PeerDetails details = result.details().get();
            line.append(", ").append(details.client().getOrElse("unknown client"));
            line.append(", ").append(details.percent().map(ProbeOutput::percent).getOrElse("pieces unknown"));
            if (details.seed()) {
                line.append(" (seed)");
            }
        } else {
            result.error().forEach(error -> line.append(": ").append(error));
        }
        result.rtt().forEach(rtt -> line.append(", ").append(rtt.toMillis()).append(" ms"));
        return Text.printable(line.toString());
    }

    static String percent(double percent) {
        return percent == Math.rint(percent)
                ? (long) percent + "%"
                : String.format(java.util.Locale.ROOT, "%.1f%%", percent);
    }

    /** {@code found 57 peers, 12 verified, 30 timed out, ...}. */
    static String summary(SwarmReport report) {
        Map<ProbeStatus, Integer> counts = new EnumMap<>(ProbeStatus.class);
        report.probes().values().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        int found = report.discovery().peers().size();
        StringBuilder line =
                new StringBuilder(found == 0 ? "no peers found" : "found " + found + (found == 1 ? " peer" : " peers"));
        line.append(", ").append(report.verified()).append(" verified");
        counts.forEach((status, n) -> {
            if (status != ProbeStatus.OK) {
                line.append(", ").append(n).append(' ').append(describe(status));
            }
        });
        line.append(" in ").append(Formats.duration(report.discovery().elapsed()));
        return line.toString();
    }

    private static String describe(ProbeStatus status) {
        return switch (status) {
            case TIMEOUT -> "timed out";
            case REFUSED -> "refused";
            case CLOSED -> "closed";
            case WRONG_HASH -> "wrong hash";
            case NOT_BITTORRENT -> "not BitTorrent";
            case UNREACHABLE -> "unreachable";
            case SKIPPED -> "skipped";
            case OK -> "verified";
        };
    }

    /** The {@code probe} object's fields. */
    static void fields(JsonGenerator json, ProbeResult result) throws IOException {
        json.writeStringField("status", result.status().label());
        json.writeStringField("error", result.error().getOrNull());
        if (result.rtt().isDefined()) {
            json.writeNumberField("rttMs", result.rtt().get().toMillis());
        } else {
            json.writeNullField("rttMs");
        }
        PeerDetails d = result.details().getOrNull();
        json.writeStringField("peerId", d == null ? null : d.peerIdHex());
        json.writeStringField("client", d == null ? null : d.client().getOrNull());
        if (d != null && d.percent().isDefined()) {
            json.writeNumberField("percent", d.percent().get());
        } else {
            json.writeNullField("percent");
        }
        json.writeBooleanField("seed", d != null && d.seed());
        if (d == null) {
            json.writeNullField("reserved");
            json.writeNullField("extensions");
            json.writeNullField("metadataSize");
            json.writeNullField("yourIp");
            json.writeNullField("reqq");
            return;
        }
        json.writeObjectFieldStart("reserved");
        json.writeBooleanField("dht", d.reserved().dht());
        json.writeBooleanField("fast", d.reserved().fast());
        json.writeBooleanField("extensions", d.reserved().extensions());
        json.writeBooleanField("v2", d.reserved().v2());
        json.writeEndObject();
        json.writeObjectFieldStart("extensions");
        for (Map.Entry<String, Integer> e : d.extensions().entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
        if (d.metadataSize().isDefined()) {
            json.writeNumberField("metadataSize", d.metadataSize().get());
        } else {
            json.writeNullField("metadataSize");
        }
        json.writeStringField(
                "yourIp", d.yourIp().map(ip -> new Peer(ip, 1).ip()).getOrNull());
        if (d.reqq().isDefined()) {
            json.writeNumberField("reqq", d.reqq().get());
        } else {
            json.writeNullField("reqq");
        }
    }
}
