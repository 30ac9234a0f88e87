package dev.peerscout.cli;

import dev.peerscout.domain.discovery.DiscoveredPeer;
import dev.peerscout.domain.discovery.DiscoveryReport;
import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.discovery.TrackerReport;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.probe.SwarmReport;
import java.io.PrintWriter;

/** {@code peers --json}: the one document written at the end, to the writer it is given. */
final class PeersJson {
    private final PrintWriter out;
    private final boolean showSecrets;

    PeersJson(PrintWriter out, boolean showSecrets) {
        this.out = out;
        this.showSecrets = showSecrets;
    }

    /** The peers (with their probes when {@code probed}), every tracker, every other source, and how it ended. */
    void write(SwarmReport swarm, boolean probed, boolean interrupted) {
        DiscoveryReport report = swarm.discovery();
        Json.write(out, true, json -> {
            json.writeStartObject();
            json.writeStringField(
                    "infoHash", report.hashes().v1().map(InfoHash::hex).getOrNull());
            json.writeStringField(
                    "infoHashV2", report.hashes().v2().map(InfoHashV2::hex).getOrNull());
            json.writeArrayFieldStart("peers");
            for (DiscoveredPeer found : report.peers()) {
                json.writeStartObject();
                json.writeStringField("ip", found.peer().ip());
                json.writeNumberField("port", found.peer().port());
                json.writeArrayFieldStart("sources");
                for (PeerOrigin origin : found.sources()) {
                    json.writeString(origin.display(showSecrets));
                }
                json.writeEndArray();
                ProbeResult probe = swarm.probes().get(found.peer());
                if (probed && probe != null) {
                    json.writeObjectFieldStart("probe");
                    ProbeOutput.fields(json, probe);
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("trackers");
            for (TrackerReport tracker : report.trackers()) {
                json.writeStartObject();
                TrackerOutput.fields(json, tracker, showSecrets);
                json.writeEndObject();
            }
            json.writeEndArray();
            for (PeerSource.Summary source : report.sources()) {
                json.writeObjectFieldStart(source.name());
                SourceOutput.fields(json, source);
                json.writeEndObject();
            }
            json.writeBooleanField("enoughPeers", report.enoughPeers());
            json.writeBooleanField("interrupted", interrupted);
            json.writeNumberField("elapsedMs", report.elapsed().toMillis());
            json.writeEndObject();
        });
        out.println();
    }
}
