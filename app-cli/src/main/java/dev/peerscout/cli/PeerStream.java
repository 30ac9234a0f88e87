package dev.peerscout.cli;

import dev.peerscout.domain.discovery.DiscoveryReport;
import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.discovery.TrackerReport;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.port.PeerSource;
import java.io.PrintWriter;

/** What {@code peers} streams to stdout while discovery runs. */
interface PeerStream {

    void peer(Peer peer, PeerOrigin origin);

    default void tracker(TrackerReport report) {}

    /** A probe ended (--probe). */
    default void probed(Peer peer, ProbeResult result) {}

    default void source(PeerSource.Summary summary) {}

    /** The last event: discovery ended, {@code interrupted} by a signal or not. */
    default void done(DiscoveryReport report, boolean interrupted) {}

    /** The reader went away (a closed pipe, as after {@code | head -1}): nothing more can be streamed. */
    default boolean closed() {
        return false;
    }

    /** Nothing streamed (--json prints one document at the end). */
    static PeerStream none() {
        return (peer, origin) -> {};
    }

    /** {@code ip:port} lines, flushed one by one so a pipe sees each peer at once. */
    static PeerStream lines(PrintWriter out) {
        return new PeerStream() {
            @Override
            public void peer(Peer peer, PeerOrigin origin) {
                out.println(peer);
                out.flush();
            }

            @Override
            public boolean closed() {
                return out.checkError();
            }
        };
    }

    /** With --probe: {@code ip:port} lines for verified peers only, each the moment it is verified. */
    static PeerStream verifiedLines(PrintWriter out) {
        return new PeerStream() {
            @Override
            public void peer(Peer peer, PeerOrigin origin) {}

            @Override
            public void probed(Peer peer, ProbeResult result) {
                if (result.verified()) {
                    out.println(peer);
                    out.flush();
                }
            }

            @Override
            public boolean closed() {
                return out.checkError();
            }
        };
    }

    /** One JSON object per event. */
    static PeerStream ndjson(PrintWriter out, boolean showSecrets) {
        return new PeerStream() {
            @Override
            public void peer(Peer peer, PeerOrigin origin) {
                Json.write(out, false, json -> {
                    json.writeStartObject();
                    json.writeStringField("event", "peer");
                    json.writeStringField("ip", peer.ip());
                    json.writeNumberField("port", peer.port());
                    json.writeStringField("source", origin.display(showSecrets));
                    json.writeEndObject();
                });
                out.println();
                out.flush();
            }

            @Override
            public void probed(Peer peer, ProbeResult result) {
                Json.write(out, false, json -> {
                    json.writeStartObject();
                    json.writeStringField("event", "probe");
                    json.writeStringField("ip", peer.ip());
                    json.writeNumberField("port", peer.port());
                    json.writeObjectFieldStart("probe");
                    ProbeOutput.fields(json, result);
                    json.writeEndObject();
                    json.writeEndObject();
                });
                out.println();
                out.flush();
            }

            @Override
            public void tracker(TrackerReport report) {
                Json.write(out, false, json -> {
                    json.writeStartObject();
                    json.writeStringField("event", "tracker");
                    TrackerOutput.fields(json, report, showSecrets);
                    json.writeEndObject();
                });
                out.println();
                out.flush();
            }

            @Override
            public void source(PeerSource.Summary summary) {
                Json.write(out, false, json -> {
                    json.writeStartObject();
                    json.writeStringField("event", "source");
                    json.writeStringField("name", summary.name());
                    SourceOutput.fields(json, summary);
                    json.writeEndObject();
                });
                out.println();
                out.flush();
            }

            @Override
            public void done(DiscoveryReport report, boolean interrupted) {
                Json.write(out, false, json -> {
                    json.writeStartObject();
                    json.writeStringField("event", "done");
                    json.writeNumberField("peers", report.peers().size());
                    json.writeNumberField(
                            "trackersAnswered",
                            report.trackers().stream().filter(TrackerReport::ok).count());
                    json.writeBooleanField("enoughPeers", report.enoughPeers());
                    json.writeBooleanField("interrupted", interrupted);
                    json.writeNumberField("elapsedMs", report.elapsed().toMillis());
                    json.writeEndObject();
                });
                out.println();
                out.flush();
            }

            @Override
            public boolean closed() {
                return out.checkError();
            }
        };
    }
}
