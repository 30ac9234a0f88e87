package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.AnnounceReply;
import dev.peerscout.adapters.udp.protocol.ScrapeReply;
import dev.peerscout.adapters.udp.transport.Answered;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.model.scrape.ScrapeStatsMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the exchanges of one call (an announce per address family, or the batches of a scrape) into
 * the domain's single answer. {@code attempts} is always the sum over all of them.
 */
final class Outcomes {
    /** When everything failed, the failure that tells the user most, best first. */
    private static final List<Class<? extends TrackerFailure>> MOST_TELLING = List.of(
            TrackerFailure.Rejected.class,
            TrackerFailure.Malformed.class,
            TrackerFailure.Timeout.class,
            TrackerFailure.Unreachable.class);

    private Outcomes() {}

    /** The announce to one address family. */
    static Either<TrackerFailure, AnnounceResponse> announce(Either<TrackerFailure, Answered<AnnounceReply>> only) {
        if (only.isLeft()) {
            return announce(List.of(only));
        }
        // The usual case (one family): straight from the reply, nothing to merge.
        AnnounceReply reply = only.get().reply();
        return Either.right(response(
                reply.peers(),
                reply.interval(),
                reply.seeders(),
                reply.leechers(),
                only.get().attempts(),
                reply.portZero()));
    }

    /**
     * Any family that answered makes the announce a success: peers are merged without duplicates,
     * the shortest interval wins (the tracker wants to hear from us by then) and the counts are the
     * larger of the two (a dual-stack swarm is one swarm, counted per family).
     */
    static Either<TrackerFailure, AnnounceResponse> announce(
            List<Either<TrackerFailure, Answered<AnnounceReply>>> results) {
        int attempts = totalAttempts(results);
        List<AnnounceReply> replies = new ArrayList<>(results.size());
        for (Either<TrackerFailure, Answered<AnnounceReply>> result : results) {
            result.forEach(answered -> replies.add(answered.reply()));
        }
        if (replies.isEmpty()) {
            return Either.left(mostTelling(results, attempts));
        }
        AnnounceReply first = replies.get(0);
        List<Peer> peers = first.peers();
        long interval = first.interval();
        long seeders = first.seeders();
        long leechers = first.leechers();
        int portZero = first.portZero();
        if (replies.size() > 1) {
            Set<Peer> merged = new LinkedHashSet<>();
            for (AnnounceReply reply : replies) {
                merged.addAll(reply.peers());
                interval = Math.min(interval, reply.interval());
                seeders = Math.max(seeders, reply.seeders());
                leechers = Math.max(leechers, reply.leechers());
                portZero = Math.max(portZero, reply.portZero());
            }
            peers = List.copyOf(merged);
        }
        return Either.right(response(peers, interval, seeders, leechers, attempts, portZero));
    }

    private static AnnounceResponse response(
            List<Peer> peers, long interval, long seeders, long leechers, int attempts, int portZero) {
        return new AnnounceResponse(
                Duration.ofSeconds(interval),
                Option.none(),
                Option.some(clamp(seeders)),
                Option.some(clamp(leechers)),
                peers,
                Option.none(),
                Option.none(),
                Math.max(1, attempts),
                portZero);
    }

    /**
     * A scrape answers only if every batch did: partial counts would hide the failure. The batches
     * cut {@code counts}' swarms in order, so entry i of a batch is the swarm at its offset + i.
     */
    static Either<TrackerFailure, ScrapeResponse> scrape(
            ScrapeStatsMap.Builder counts,
            List<List<InfoHash>> batches,
            List<Either<TrackerFailure, Answered<ScrapeReply>>> results) {
        int attempts = totalAttempts(results);
        if (results.stream().anyMatch(Either::isLeft)) {
            return Either.left(mostTelling(results, attempts));
        }
        int position = 0;
        for (int b = 0; b < batches.size(); b++) {
            int asked = batches.get(b).size();
            List<ScrapeStats> entries = results.get(b).get().reply().entries();
            for (int i = 0; i < asked; i++) {
                counts.set(position++, entries.get(i));
            }
        }
        return Either.right(new ScrapeResponse(counts.build(), Math.max(1, attempts)));
    }

    private static int totalAttempts(List<? extends Either<TrackerFailure, ? extends Answered<?>>> results) {
        int total = 0;
        for (Either<TrackerFailure, ? extends Answered<?>> result : results) {
            total +=
                    result.isLeft() ? result.getLeft().attempts() : result.get().attempts();
        }
        return total;
    }

    private static TrackerFailure mostTelling(List<? extends Either<TrackerFailure, ?>> results, int attempts) {
        TrackerFailure chosen = results.stream()
                .filter(Either::isLeft)
                .map(Either::getLeft)
                .min(Comparator.comparingInt(Outcomes::rank))
                .orElseThrow();
        return withAttempts(chosen, attempts, results);
    }

    private static int rank(TrackerFailure failure) {
        for (int i = 0; i < MOST_TELLING.size(); i++) {
            if (MOST_TELLING.get(i).isInstance(failure)) {
                return i;
            }
        }
        return MOST_TELLING.size();
    }

    private static TrackerFailure withAttempts(
            TrackerFailure failure, int attempts, List<? extends Either<TrackerFailure, ?>> results) {
        if (failure instanceof TrackerFailure.Timeout) {
            Duration waited = results.stream()
                    .filter(Either::isLeft)
                    .map(Either::getLeft)
                    .filter(TrackerFailure.Timeout.class::isInstance)
                    .map(f -> ((TrackerFailure.Timeout) f).waited())
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            return new TrackerFailure.Timeout(attempts, waited);
        }
        if (failure instanceof TrackerFailure.Rejected rejected) {
            return new TrackerFailure.Rejected(rejected.reason(), attempts);
        }
        if (failure instanceof TrackerFailure.Malformed malformed) {
            return new TrackerFailure.Malformed(malformed.detail(), attempts);
        }
        if (failure instanceof TrackerFailure.Unreachable unreachable) {
            return new TrackerFailure.Unreachable(unreachable.detail(), attempts, unreachable.refused());
        }
        return failure;
    }

    private static int clamp(long count) {
        return (int) Math.min(Integer.MAX_VALUE, count);
    }
}
