package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.CallInFlight;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One tracker's progress during a discovery: the outcome of each swarm announced to it, and its
 * report once it has one. Not thread-safe: the discovery touches it under its lock only.
 */
final class TrackerState {
    final TrackerUrl url;
    final int tier;
    final Map<InfoHash, Either<TrackerFailure, AnnounceResponse>> results = new LinkedHashMap<>();
    /** Each swarm's announce once it went out: a tracker skipped early reports what they sent. */
    final Map<InfoHash, CallInFlight<?>> calls = new LinkedHashMap<>();

    final Set<Peer> peers = new LinkedHashSet<>();
    /** Entries that cannot be a peer: distinct addresses. */
    final Set<Peer> unusable = new HashSet<>();
    /** The most unreadable entries of one swarm (a hybrid's swarms overlap). */
    int unreadable;

    Instant startedAt;
    TrackerReport report;

    TrackerState(TrackerUrl url, int tier) {
        this.url = url;
        this.tier = tier;
    }

    /**
     * Tiers of the torrent, then one tier per extra tracker; a URL already listed, however it is
     * spelled ({@link TrackerUrl#normalized()}), is not repeated.
     */
    static List<TrackerState> of(Torrent torrent, List<TrackerUrl> extraTrackers) {
        List<TrackerState> states = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int nextTier = 0;
        for (var tier : torrent.tiers()) {
            for (TrackerUrl url : tier.trackers()) {
                if (seen.add(url.normalized().value())) {
                    states.add(new TrackerState(url, tier.index()));
                }
            }
            nextTier = Math.max(nextTier, tier.index() + 1);
        }
        for (TrackerUrl url : extraTrackers) {
            if (seen.add(url.normalized().value())) {
                states.add(new TrackerState(url, nextTier++));
            }
        }
        return states;
    }

    /** Records {@code swarm}'s outcome; returns the peers it named that can be peers and are not us. */
    List<Peer> record(InfoHash swarm, Either<TrackerFailure, AnnounceResponse> outcome, Predicate<Peer> isUs) {
        results.put(swarm, outcome);
        List<Peer> found = new ArrayList<>();
        outcome.forEach(response -> {
            unreadable = Math.max(unreadable, response.droppedPeers());
            for (Peer peer : response.peers()) {
                if (!peer.usable()) {
                    unusable.add(peer);
                } else if (!isUs.test(peer)) {
                    peers.add(peer);
                    found.add(peer);
                }
            }
        });
        return found;
    }

    /** The report once every swarm has its outcome: answered if any swarm was, else the first failure. */
    TrackerReport outcomeReport(Instant now) {
        Duration elapsed = Duration.between(startedAt, now);
        int attempts =
                results.values().stream().mapToInt(TrackerState::attempts).sum();
        List<AnnounceResponse> answers = results.values().stream()
                .filter(Either::isRight)
                .map(Either::get)
                .toList();
        if (answers.isEmpty()) {
            return TrackerReport.failed(
                    url, tier, results.values().iterator().next().getLeft(), attempts, elapsed);
        }
        return TrackerReport.answered(
                url, tier, answers, peers.size(), attempts, elapsed, unusable.size() + unreadable);
    }

    /** The report at the deadline: each swarm still without an outcome timed out. */
    TrackerReport timedOutReport(List<InfoHash> swarms, Instant now) {
        TrackerFailure late = new TrackerFailure.Timeout(1, Duration.between(startedAt, now));
        swarms.forEach(swarm -> results.putIfAbsent(swarm, Either.left(late)));
        return outcomeReport(now);
    }

    /** The report of a tracker we stopped waiting for (or never asked): what it gave until then. */
    TrackerReport skippedReport(String why, Instant now) {
        Duration elapsed = startedAt == null ? Duration.ZERO : Duration.between(startedAt, now);
        // An answer counts its attempts, an announce still in flight what it has sent so far.
        int attempts = 0;
        for (var call : calls.entrySet()) {
            var outcome = results.get(call.getKey());
            attempts += outcome == null ? call.getValue().requestsSent() : attempts(outcome);
        }
        return TrackerReport.skipped(url, tier, why, peers.size(), attempts, elapsed);
    }

    private static int attempts(Either<TrackerFailure, AnnounceResponse> outcome) {
        return outcome.fold(TrackerFailure::attempts, AnnounceResponse::attempts);
    }
}
