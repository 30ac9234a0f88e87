package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerscout.domain.port.PeerSource.Summary;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class SourceOutputTest {

    @Test
    void aSearchNobodyAnsweredSaysWhatWasSent() {
        assertEquals(
                "dht: no node answered: 3 queries to 1 node, 0 peers",
                SourceOutput.line(new Summary("dht", 1, 0, 0, Option.none(), 3)));
    }

    @Test
    void anAnsweredSearchCountsPeersNodesAndQueries() {
        assertEquals(
                "dht: ok, 1 peer from 2 of 3 nodes queried (1 query)",
                SourceOutput.line(new Summary("dht", 3, 2, 1, Option.none(), 1)));
        assertEquals(
                "dht: ok, 12 peers from 20 of 31 nodes queried (40 queries)",
                SourceOutput.line(new Summary("dht", 31, 20, 12, Option.none(), 40)));
    }
}
