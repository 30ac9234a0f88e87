package dev.peerscout.adapters.dht.krpc;

import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.util.List;
import java.util.Objects;

/**
 * The {@code r} of a response, whatever we asked: {@code ping} gets only the responder's id,
 * {@code find_node} adds nodes, {@code get_peers} adds peers ({@code values}) and/or nodes and a
 * write token (kept per node; we never announce, so it is only carried along).
 *
 * @param nodes IPv4 ({@code nodes}) then IPv6 ({@code nodes6}) contacts, each field capped by the codec
 */
public record Answer(NodeId responder, List<NodeContact> nodes, List<Peer> peers, Option<BBytes> token) {

    public Answer {
        Objects.requireNonNull(responder, "responder");
        nodes = List.copyOf(nodes);
        peers = List.copyOf(peers);
        Objects.requireNonNull(token, "token");
    }
}
