package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.Torrent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How a torrent's trackers are asked, and whether anything else may find its peers: the one place
 * where discovery tells a public torrent from a private one. Chosen once per discovery.
 */
sealed interface TierOrder {

    static TierOrder of(Torrent torrent) {
        return torrent.isPrivate() ? new OneAtATime() : new AllAtOnce();
    }

    /** BEP 27: a private torrent's peers come from its own trackers only (no DHT, no PEX). */
    boolean othersMayFindPeers();

    /** Asks the first trackers. Called with the discovery's lock held. */
    void beginLocked(Asking discovery);

    /** {@code state} has its report. Called with the discovery's lock held. */
    void concludedLocked(Asking discovery, TrackerState state);

    /** What the order needs of the discovery; every method is called with its lock held. */
    interface Asking {
        /** The trackers in tier order. */
        List<TrackerState> states();

        Instant deadline();

        Instant now();

        /** Announces to {@code state}'s tracker (once the lock is released), to end by {@code trackerDeadline}. */
        void askLocked(TrackerState state, Instant trackerDeadline);

        /** Reports every tracker without a report as skipped for {@code why}. */
        void skipRestLocked(String why);
    }

    /**
     * Public torrents: every tracker of every tier at once, so a dead tracker in tier 1 costs nothing
     * (libtorrent waits for it to fail first).
     */
    record AllAtOnce() implements TierOrder {
        @Override
        public boolean othersMayFindPeers() {
            return true;
        }

        @Override
        public void beginLocked(Asking discovery) {
            discovery.states().forEach(state -> discovery.askLocked(state, discovery.deadline()));
        }

        @Override
        public void concludedLocked(Asking discovery, TrackerState state) {}
    }

    /**
     * Private torrents (BEP 27) follow BEP 12: one tracker at a time in tier order, the next only
     * after a failure; a tracker that answers moves to the front of its tier and ends the asking.
     */
    record OneAtATime() implements TierOrder {
        /** A tracker gets at least this much of the remaining time, when there is that much. */
        private static final Duration MIN_SLICE = Duration.ofSeconds(3);
        /** Less time than this left: the remaining trackers are not asked at all. */
        private static final Duration LAST_CHANCE = Duration.ofMillis(100);

        @Override
        public boolean othersMayFindPeers() {
            return false;
        }

        @Override
        public void beginLocked(Asking discovery) {
            askLocked(discovery, 0);
        }

        @Override
        public void concludedLocked(Asking discovery, TrackerState state) {
            if (state.report.ok()) {
                moveToFrontOfTier(discovery.states(), state);
                discovery.skipRestLocked("private torrent: another tracker of it answered");
            } else {
                askLocked(discovery, discovery.states().indexOf(state) + 1);
            }
        }

        /** The tracker at {@code position}, with its share of the time left. */
        private static void askLocked(Asking discovery, int position) {
            List<TrackerState> states = discovery.states();
            if (position >= states.size()) {
                return;
            }
            Duration remaining = Duration.between(discovery.now(), discovery.deadline());
            if (remaining.compareTo(LAST_CHANCE) < 0) {
                discovery.skipRestLocked("no time left before the deadline");
                return;
            }
            Duration slice = remaining.dividedBy(states.size() - position);
            if (slice.compareTo(MIN_SLICE) < 0) {
                slice = remaining.compareTo(MIN_SLICE) < 0 ? remaining : MIN_SLICE;
            }
            discovery.askLocked(states.get(position), discovery.now().plus(slice));
        }

        /**
         * BEP 12: the tracker that answered goes to the front of its tier. One discovery asks each
         * tracker once, so here this shows in the report's order: the tracker that served us first.
         */
        private static void moveToFrontOfTier(List<TrackerState> states, TrackerState state) {
            int first = 0;
            while (states.get(first).tier != state.tier) {
                first++;
            }
            states.remove(state);
            states.add(first, state);
        }
    }
}
