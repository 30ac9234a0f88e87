package dev.peerscout.adapters.dht.lookup;

/** Why a lookup stopped asking. */
public enum LookupEnd {
    /** The k closest nodes seen have all answered: nobody is left to bring us closer. */
    CONVERGED,
    /** Every node we learned of was asked and fewer than k answered (a small or unreachable DHT). */
    EXHAUSTED,
    /** The query budget is spent (endless referrals end here). */
    BUDGET_SPENT,
    /** Stopped from outside, at the deadline. */
    STOPPED
}
