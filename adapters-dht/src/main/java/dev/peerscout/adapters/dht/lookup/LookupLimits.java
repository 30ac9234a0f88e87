package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.domain.model.AddressFamily;
import java.util.Set;

/**
 * The bounds of one iterative lookup (BEP 5 with Kademlia's parameters).
 *
 * @param alpha            queries in flight at once
 * @param k                the lookup ends when the k closest nodes seen have answered
 * @param maxQueries       queries sent at most, whatever nodes keep referring us to
 * @param maxNodesPerReply contacts taken from one answer (the closest to the target), so one node
 *                         cannot flood the candidates
 * @param maxCandidates    unasked candidates kept; beyond it the farthest are dropped
 * @param families         the families of the nodes we may ask and the peers we report
 */
public record LookupLimits(
        int alpha, int k, int maxQueries, int maxNodesPerReply, int maxCandidates, Set<AddressFamily> families) {

    public LookupLimits {
        families = Set.copyOf(families);
        if (alpha < 1 || k < 1 || maxQueries < 1 || maxNodesPerReply < 1) {
            throw new IllegalArgumentException("alpha, k, maxQueries and maxNodesPerReply must be at least 1");
        }
        if (maxCandidates < k) {
            throw new IllegalArgumentException("maxCandidates must be at least k");
        }
    }
}
