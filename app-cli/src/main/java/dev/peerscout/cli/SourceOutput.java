package dev.peerscout.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.peerscout.domain.port.PeerSource;
import java.io.IOException;

/** How a peer source's (the DHT's) summary looks, as a line for people and as JSON fields. */
final class SourceOutput {
    private SourceOutput() {}

    static String line(PeerSource.Summary summary) {
        String sent = summary.queriesSent() == 1 ? "1 query" : Formats.count(summary.queriesSent()) + " queries";
        String nodes = Formats.counted(summary.nodesQueried(), "node");
        String peers = Formats.counted(summary.peers(), "peer");
        return Text.printable(summary.name() + ": "
                + summary.error()
                        .map(error -> "error: " + error)
                        .getOrElse(
                                summary.nodesQueried() > 0 && summary.nodesAnswered() == 0
                                        ? "no node answered: " + sent + " to " + nodes + ", " + peers
                                        : "ok, " + peers + " from " + summary.nodesAnswered() + " of " + nodes
                                                + " queried (" + sent + ")"));
    }

    static void fields(JsonGenerator json, PeerSource.Summary summary) throws IOException {
        json.writeStringField(
                "status",
                summary.error().isDefined()
                        ? "error"
                        : summary.nodesQueried() > 0 && summary.nodesAnswered() == 0 ? "timeout" : "ok");
        json.writeStringField("error", summary.error().getOrNull());
        json.writeNumberField("nodesQueried", summary.nodesQueried());
        json.writeNumberField("nodesAnswered", summary.nodesAnswered());
        json.writeNumberField("queriesSent", summary.queriesSent());
        json.writeNumberField("peers", summary.peers());
    }
}
