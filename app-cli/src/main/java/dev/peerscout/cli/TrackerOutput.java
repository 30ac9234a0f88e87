package dev.peerscout.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.peerscout.domain.discovery.TrackerReport;
import java.io.IOException;
import java.time.Duration;

/** How one tracker's outcome looks, as a line for people and as JSON fields for scripts. */
final class TrackerOutput {
    private TrackerOutput() {}

    static String line(TrackerReport report, boolean showSecrets) {
        return Text.printable(unsafeLine(report, showSecrets));
    }

    private static String unsafeLine(TrackerReport report, boolean showSecrets) {
        StringBuilder line = new StringBuilder("tracker ")
                .append(report.url().display(showSecrets))
                .append(" (tier ")
                .append(report.tier())
                .append("): ")
                .append(outcome(
                        report.status().label(),
                        report.error().map(error -> report.url().displayIn(error, showSecrets))));
        if (report.ok()) {
            line.append(", ").append(report.peers()).append(report.peers() == 1 ? " peer" : " peers");
            if (report.seeders().isDefined() || report.leechers().isDefined()) {
                line.append(" (")
                        .append(Formats.counted(report.seeders(), "seeder"))
                        .append(", ")
                        .append(Formats.counted(report.leechers(), "leecher"))
                        .append(")");
            }
        }
        if (report.droppedPeers() > 0) {
            line.append(", ")
                    .append(Formats.counted(report.droppedPeers(), "unusable peer"))
                    .append(" dropped");
        }
        report.warning()
                .forEach(warning ->
                        line.append(", warning: ").append(report.url().displayIn(warning, showSecrets)));
        if (report.attempts() > 0) {
            line.append(", ")
                    .append(report.attempts())
                    .append(report.attempts() == 1 ? " request" : " requests")
                    .append(", ")
                    .append(Formats.duration(report.elapsed()));
        }
        return line.toString();
    }

    /** {@code ok}, {@code timeout: no answer...}; a message that already starts with the status says it once. */
    static String outcome(String status, io.vavr.control.Option<String> error) {
        return error.map(message -> message.startsWith(status) ? message : status + ": " + message)
                .getOrElse(status);
    }

    static void fields(JsonGenerator json, TrackerReport report, boolean showSecrets) throws IOException {
        json.writeStringField("url", report.url().display(showSecrets));
        json.writeNumberField("tier", report.tier());
        json.writeStringField("status", report.status().label());
        // A tracker's own words may repeat our passkey: masked as the URL is.
        json.writeStringField(
                "error",
                report.error()
                        .map(error -> report.url().displayIn(error, showSecrets))
                        .getOrNull());
        json.writeStringField(
                "warning",
                report.warning()
                        .map(warning -> report.url().displayIn(warning, showSecrets))
                        .getOrNull());
        writeSeconds(json, "interval", report.interval().getOrNull());
        writeSeconds(json, "minInterval", report.minInterval().getOrNull());
        writeNumber(json, "seeders", report.seeders().getOrNull());
        writeNumber(json, "leechers", report.leechers().getOrNull());
        json.writeNumberField("peers", report.peers());
        json.writeNumberField("droppedPeers", report.droppedPeers());
        json.writeNumberField("attempts", report.attempts());
        json.writeNumberField("elapsedMs", report.elapsed().toMillis());
    }

    private static void writeSeconds(JsonGenerator json, String name, Duration duration) throws IOException {
        if (duration == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, duration.toSeconds());
        }
    }

    private static void writeNumber(JsonGenerator json, String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }
}
