package dev.peerscout.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.peerscout.domain.health.AddressCheck;
import dev.peerscout.domain.health.AddressSummary;
import dev.peerscout.domain.health.CheckReport;
import dev.peerscout.domain.health.CheckStatus;
import dev.peerscout.domain.health.TrackerCheck;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.IpAddresses;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code peerscout trackers} shows its checks: a table for people, JSON and NDJSON for scripts. */
final class HealthOutput {
    private static final String TABLE_ROW = "%-11s %9s %9s %9s %9s  %-11s %-15s %s";

    private final PrintWriter out;
    private final boolean showSecrets;

    HealthOutput(PrintWriter out, boolean showSecrets) {
        this.out = out;
        this.showSecrets = showSecrets;
    }

    /** One line per URL and address, best first: by status, then latency, then the order given. */
    void table(CheckReport report) {
        record Row(TrackerCheck tracker, AddressCheck address, int order) {}
        List<Row> rows = new ArrayList<>();
        for (TrackerCheck tracker : report.trackers()) {
            for (AddressCheck address : tracker.addresses()) {
                rows.add(new Row(tracker, address, rows.size()));
            }
        }
        rows.sort(Comparator.<Row, CheckStatus>comparing(row -> row.address().status())
                .thenComparing(row -> row.address().latency().getOrElse(Duration.ofDays(1)))
                .thenComparingInt(Row::order));
        out.println(String.format(
                Locale.ROOT,
                TABLE_ROW,
                "STATUS",
                "LATENCY",
                "CONNECT",
                "ANNOUNCE",
                "INTERVAL",
                "SCRAPE",
                "ADDRESS",
                "URL"));
        for (Row row : rows) {
            AddressCheck check = row.address();
            String note = check.error()
                    .orElse(check.warning())
                    .map(text -> "  (" + text + ")")
                    .getOrElse("");
            out.println(Text.printable(String.format(
                    Locale.ROOT,
                    TABLE_ROW,
                    check.status().label(),
                    millis(check.latency()),
                    millis(check.connect()),
                    millis(check.announce()),
                    check.interval().map(i -> i.toSeconds() + " s").getOrElse("-"),
                    check.scrape().getOrElse("-"),
                    address(check.address()),
                    row.tracker().url().display(showSecrets) + note)));
        }
    }

    void json(CheckReport report) {
        Json.write(out, true, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("trackers");
            for (TrackerCheck tracker : report.trackers()) {
                json.writeStartObject();
                json.writeStringField("url", tracker.url().display(showSecrets));
                json.writeArrayFieldStart("addresses");
                for (AddressCheck address : tracker.addresses()) {
                    json.writeStartObject();
                    addressFields(json, address);
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("elapsedMs", report.elapsed().toMillis());
            json.writeEndObject();
        });
        out.println();
    }

    /** {@code {"event": "check", "round", "url", ...the address fields}}, one line per address. */
    void checkEvents(TrackerCheck check) {
        for (AddressCheck address : check.addresses()) {
            Json.write(out, false, json -> {
                json.writeStartObject();
                json.writeStringField("event", "check");
                json.writeNumberField("round", check.round());
                json.writeStringField("url", check.url().display(showSecrets));
                addressFields(json, address);
                json.writeEndObject();
            });
            out.println();
        }
        out.flush();
    }

    /** {@code {"event": "summary", "url", "address", "family", "checks", "alive", "uptimePercent", ...}}. */
    void summaryEvents(List<AddressSummary> summaries) {
        for (AddressSummary summary : summaries) {
            Json.write(out, false, json -> {
                json.writeStartObject();
                json.writeStringField("event", "summary");
                json.writeStringField("url", summary.url().display(showSecrets));
                json.writeStringField(
                        "address", summary.address().map(IpAddresses::text).getOrNull());
                json.writeStringField(
                        "family", summary.family().map(HealthOutput::family).getOrNull());
                json.writeNumberField("checks", summary.checks());
                json.writeNumberField("alive", summary.alive());
                json.writeNumberField("uptimePercent", Math.round(summary.uptimePercent() * 10) / 10.0);
                millisField(json, "medianMs", summary.median());
                millisField(json, "p95Ms", summary.p95());
                millisField(json, "maxMs", summary.max());
                json.writeObjectFieldStart("failures");
                for (Map.Entry<CheckStatus, Integer> failure :
                        summary.failures().entrySet()) {
                    json.writeNumberField(failure.getKey().label(), failure.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            });
            out.println();
        }
        out.flush();
    }

    private static void addressFields(JsonGenerator json, AddressCheck address) throws IOException {
        json.writeStringField(
                "address", address.address().map(IpAddresses::text).getOrNull());
        json.writeStringField(
                "family", address.family().map(HealthOutput::family).getOrNull());
        json.writeBooleanField("alive", address.alive());
        json.writeStringField("status", address.status().label());
        json.writeStringField("error", address.error().getOrNull());
        json.writeStringField("warning", address.warning().getOrNull());
        millisField(json, "connectMs", address.connect());
        millisField(json, "announceMs", address.announce());
        millisField(json, "scrapeMs", address.scrapeTook());
        secondsField(json, "interval", address.interval());
        secondsField(json, "minInterval", address.minInterval());
        json.writeStringField("scrape", address.scrape().getOrNull());
    }

    private static void millisField(JsonGenerator json, String name, Option<Duration> value) throws IOException {
        if (value.isDefined()) {
            json.writeNumberField(name, value.get().toMillis());
        } else {
            json.writeNullField(name);
        }
    }

    private static void secondsField(JsonGenerator json, String name, Option<Duration> value) throws IOException {
        if (value.isDefined()) {
            json.writeNumberField(name, value.get().toSeconds());
        } else {
            json.writeNullField(name);
        }
    }

    static String family(AddressFamily family) {
        return family == AddressFamily.IPV6 ? "ipv6" : "ipv4";
    }

    private static String address(Option<InetAddress> address) {
        return address.map(IpAddresses::text).getOrElse("-");
    }

    private static String millis(Option<Duration> value) {
        return value.map(d -> d.toMillis() + " ms").getOrElse("-");
    }
}
