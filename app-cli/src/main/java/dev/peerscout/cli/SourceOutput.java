package dev.peerscout.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.peerscout.domain.port.PeerSource;
import java.io.IOException;

/** How a peer source's (the DHT's) summary looks, as a line for people and as JSON fields. */
final class SourceOutput {
    private SourceOutput() {}

    static String line(PeerSource.Summary summary) {
        String counts = summary.peers() + (summary.peers() == 1 ? " peer" : " peers") + " from "
                + summary.nodesAnswered() + " of " + summary.nodesQueried() + " nodes queried";
        return Text.printable(summary.name() + ": " + summary.error().map(error -> "error: " + error).getOrElse(
                summary.nodesQueried() > 0 && summary.nodesAnswered() == 0 ? "no node answered, " + counts : "ok, " + counts));
    }

    static void fields(JsonGenerator json, PeerSource.Summary summary) throws IOException {
        json.writeStringField("status", summary.error().isDefined() ? "error"
                : summary.nodesQueried() > 0 && summary.nodesAnswered() == 0 ? "timeout" : "ok");
        json.writeStringField("error", summary.error().getOrNull());
        json.writeNumberField("nodesQueried", summary.nodesQueried());
        json.writeNumberField("nodesAnswered", summary.nodesAnswered());
        json.writeNumberField("peers", summary.peers());
    }
}
