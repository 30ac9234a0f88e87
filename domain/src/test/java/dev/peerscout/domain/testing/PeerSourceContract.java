package dev.peerscout.domain.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.PeerSource.Lookup;
import dev.peerscout.domain.port.PeerSource.Search;
import dev.peerscout.domain.port.PeerSource.Summary;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The promises of the {@link PeerSource} port that every source must keep, on a {@link FakeScheduler}
 * ({@link #clock}) so that no test waits for a deadline in real time. Exactly these are checked:
 * <ol>
 *   <li>The summary completes once the clock reaches the search's deadline, never exceptionally,
 *       under the source's {@link #name()}: when nobody answers (no peers counted), and after peers
 *       were found.</li>
 *   <li>{@code found} hears of each distinct peer once, and the summary counts the distinct peers
 *       it heard of.</li>
 *   <li>No peer is handed over after the summary, even one offered right after the deadline or
 *       after {@code stop()}.</li>
 *   <li>{@code stop()} ends the search promptly: the summary completes within a few seconds of real
 *       time while the clock stands still, never exceptionally.</li>
 * </ol>
 * Not checked here: the search's bootstrap and address families (source-specific), and whether the
 * source gives up before the deadline (allowed). Subclasses supply, for their kind of source, a
 * search that finds {@link #FIRST} (offered twice) and {@link #SECOND}, and a search whose start
 * never answers until told to offer a peer too late.
 */
public abstract class PeerSourceContract {
    /** Peers found by the searches; TEST-NET-1 addresses, never contacted. */
    protected static final Peer FIRST = peer("192.0.2.1", 6881);

    protected static final Peer SECOND = peer("192.0.2.2", 51413);
    protected static final Peer LATE = peer("192.0.2.99", 6881);

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final long IO_BOUND_SECONDS = 5;

    /** The clock every source under test runs on. */
    protected final FakeScheduler clock = new FakeScheduler();

    private final List<Peer> found = new CopyOnWriteArrayList<>();
    private final List<Peer> afterSummary = new CopyOnWriteArrayList<>();
    private volatile boolean summarised;

    /** A fresh source on {@link #clock}. */
    protected abstract PeerSource source() throws Exception;

    /** The name its summaries carry. */
    protected abstract String name();

    /** A search, ending {@code within} from now, in which the source finds FIRST (from two places) and SECOND. */
    protected abstract Search searchThatFindsPeers(Duration within) throws Exception;

    /** A search, ending {@code within} from now, whose start takes queries and does not answer. */
    protected abstract Search searchNobodyAnswers(Duration within) throws Exception;

    /** Returns once the silent start has been asked (real I/O, bounded). */
    protected abstract void awaitAsked() throws Exception;

    /** The silent start of the last search now answers its query with {@code peer}. */
    protected abstract void answerLate(Peer peer) throws Exception;

    /** Gives a late answer the time to be read, had the source still been listening. */
    protected abstract void letLateAnswersArrive() throws Exception;

    @Test
    void theSummaryArrivesByTheDeadlineWhenNobodyAnswers() throws Exception {
        Lookup lookup = start(source(), searchNobodyAnswers(WITHIN));
        awaitAsked();

        clock.advance(WITHIN);

        Summary summary = summaryOf(lookup);
        assertEquals(name(), summary.name());
        assertEquals(0, summary.peers(), summary.toString());
        assertTrue(found.isEmpty(), "found " + found);
    }

    @Test
    void theSummaryArrivesByTheDeadlineAndCountsEachDistinctPeerFoundOnce() throws Exception {
        Lookup lookup = start(source(), searchThatFindsPeers(WITHIN));
        awaitTrue(() -> found.containsAll(List.of(FIRST, SECOND)), () -> "found " + found);

        clock.advance(WITHIN);

        Summary summary = summaryOf(lookup);
        assertEquals(name(), summary.name());
        assertEquals(found.size(), new HashSet<>(found).size(), "each peer once: " + found);
        assertEquals(Set.copyOf(found).size(), summary.peers(), summary + " after " + found);
    }

    @Test
    void noPeerIsHandedOverAfterTheSummary() throws Exception {
        Lookup lookup = start(source(), searchNobodyAnswers(WITHIN));
        awaitAsked();
        clock.advance(WITHIN);
        summaryOf(lookup);

        answerLate(LATE);
        letLateAnswersArrive();

        assertEquals(List.of(), found, "handed over after the summary");
        assertEquals(List.of(), afterSummary);
    }

    @Test
    void stopEndsTheSearchPromptlyAndNothingIsHandedOverAfterIt() throws Exception {
        Lookup lookup = start(source(), searchNobodyAnswers(WITHIN));
        awaitAsked();

        lookup.stop();

        Summary summary = summaryOf(lookup);
        assertEquals(name(), summary.name());
        answerLate(LATE);
        letLateAnswersArrive();
        assertEquals(List.of(), found, "handed over after stop()");
        assertEquals(List.of(), afterSummary);
    }

    private Lookup start(PeerSource source, Search search) {
        Lookup lookup = source.findPeers(search, peer -> {
            if (summarised) {
                afterSummary.add(peer);
            }
            found.add(peer);
        });
        lookup.summary().whenComplete((summary, bug) -> summarised = true);
        return lookup;
    }

    /**
     * The summary, complete now or within a few seconds of real time while the clock stands still
     * (at the deadline, or where stop() left it), and not exceptionally.
     */
    private static Summary summaryOf(Lookup lookup) throws InterruptedException {
        CompletableFuture<Summary> summary = lookup.summary();
        try {
            return summary.get(IO_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no summary though the clock stands at the deadline or stop() was called", e);
        } catch (ExecutionException e) {
            throw new AssertionError(
                    "the summary completed exceptionally; the port promises it never does", e.getCause());
        }
    }

    /** Waits (briefly, in real time) for I/O to cross the loopback. */
    protected static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(IO_BOUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting: " + what.get());
            }
            Thread.sleep(5);
        }
    }

    private static Peer peer(String address, int port) {
        try {
            return new Peer(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
