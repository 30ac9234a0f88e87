package dev.peerscout.adapters.dht.krpc;

import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BValue.BList;
import dev.peerscout.domain.model.AddressFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The KRPC queries we send (BEP 5). We only look, so there is no {@code announce_peer}. */
public sealed interface Query permits Query.Ping, Query.FindNode, Query.GetPeers {

    /** The {@code q} of the message. */
    String method();

    /** The {@code a} of the message, {@code self} being our node id. */
    BDict arguments(NodeId self);

    record Ping() implements Query {
        @Override
        public String method() {
            return "ping";
        }

        @Override
        public BDict arguments(NodeId self) {
            return BDict.builder().put("id", self.toBValue()).build();
        }
    }

    record FindNode(NodeId target) implements Query {
        public FindNode {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String method() {
            return "find_node";
        }

        @Override
        public BDict arguments(NodeId self) {
            return BDict.builder()
                    .put("id", self.toBValue())
                    .put("target", target.toBValue())
                    .build();
        }
    }

    /**
     * @param want the families whose nodes we can use (BEP 32 {@code want}); sent only when it names
     *             both, since a node answers in the family the query came over by default
     */
    record GetPeers(NodeId infoHash, Set<AddressFamily> want) implements Query {
        public GetPeers {
            Objects.requireNonNull(infoHash, "infoHash");
            want = Set.copyOf(want);
        }

        @Override
        public String method() {
            return "get_peers";
        }

        @Override
        public BDict arguments(NodeId self) {
            if (want.size() < 2) {
                return BDict.builder()
                        .put("id", self.toBValue())
                        .put("info_hash", infoHash.toBValue())
                        .build();
            }
            List<BValue> families = new ArrayList<>();
            families.add(BBytes.ascii("n4"));
            families.add(BBytes.ascii("n6"));
            return BDict.builder()
                    .put("id", self.toBValue())
                    .put("info_hash", infoHash.toBValue())
                    .put("want", new BList(families))
                    .build();
        }
    }
}
