package dev.peerscout.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.peerscout.domain.port.PeerSource;
import java.io.IOException;

/** How a peer source's (the DHT's) summary looks, as a line for people and as JSON fields. */
final class SourceOutput {
    private SourceOutput() {}

    static String line(PeerSource.Summary summary) {
        return Text.printable(summary.name() + ": " + summary.error().map(error -> "error: " + error).getOrElse(
                "ok, " + summary.peers() + (summary.peers() == 1 ? " peer" : " peers") + " from "
                        + summary.nodesAnswered() + " of " + summary.nodesQueried() + " nodes queried"));
    }

    static void fields(JsonGenerator json, PeerSource.Summary summary) throws IOException {
        json.writeStringField("status", summary.error().isDefined() ? "error" : "ok");
        json.writeStringField("error", summary.error().getOrNull());
        json.writeNumberField("nodesQueried", summary.nodesQueried());
        json.writeNumberField("nodesAnswered", summary.nodesAnswered());
        json.writeNumberField("peers", summary.peers());
    }
}
