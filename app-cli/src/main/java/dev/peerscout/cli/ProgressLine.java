package dev.peerscout.cli;

import dev.peerscout.domain.discovery.DiscoveryReport;
import dev.peerscout.domain.discovery.ScrapeReport;
import dev.peerscout.domain.discovery.TrackerReport;
import dev.peerscout.domain.discovery.TrackerScrape;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * What the live status line of {@code peers} and {@code scrape} says while they wait: the seconds
 * since the start on the injected {@link Scheduler}'s clock (so a test moves them with a fake
 * clock), the peers found so far, and who is still being waited for. Written by the listeners,
 * read by {@link StatusLine}'s redraws, which draw it on the terminal; and the summary line that
 * takes its place at the end.
 */
final class ProgressLine {
    private final Scheduler clock;
    private final Instant begin;
    private final int trackers;
    private final boolean countsPeers;
    private final boolean dht;
    private volatile int peers;
    private volatile int trackersDone;
    private volatile int sourcesDone;
    private volatile boolean goodbye;

    private ProgressLine(Scheduler clock, int trackers, boolean countsPeers, boolean dht) {
        this.clock = clock;
        this.begin = clock.now();
        this.trackers = trackers;
        this.countsPeers = countsPeers;
        this.dht = dht;
    }

    /** {@code peers}: the peers found, then the trackers and the DHT still asked. */
    static ProgressLine peers(Scheduler clock, int trackers, boolean dht) {
        return new ProgressLine(clock, trackers, true, dht);
    }

    /** {@code scrape}: the trackers still asked. */
    static ProgressLine scrape(Scheduler clock, int trackers) {
        return new ProgressLine(clock, trackers, false, false);
    }

    // Each is called by one listener at a time (discovery's lock), so the volatile counts need no more.

    void peerFound() {
        peers++;
    }

    void trackerDone() {
        trackersDone++;
    }

    void sourceDone() {
        sourcesDone++;
    }

    void sayingGoodbye() {
        goodbye = true;
    }

    String text() {
        // The ticking time first: on a narrow terminal it is what shows that the command is alive.
        StringBuilder text = new StringBuilder(elapsed(Duration.between(begin, clock.now()))).append(": ");
        if (countsPeers) {
            text.append(peers).append(peers == 1 ? " peer, " : " peers, ");
        }
        if (goodbye) {
            return text.append("saying goodbye to the trackers").toString();
        }
        text.append("waiting for ")
                .append(trackers - trackersDone)
                .append(" of ")
                .append(trackers)
                .append(trackers == 1 ? " tracker" : " trackers");
        if (dht && sourcesDone == 0) {
            text.append(" and the DHT");
        }
        return text.toString();
    }

    /** How many trackers a run asks: each URL once however it is written (as discovery and scrape ask them). */
    static int distinctTrackers(Iterable<TrackerUrl> torrents, Iterable<TrackerUrl> extra) {
        Set<String> urls = new HashSet<>();
        torrents.forEach(url -> urls.add(url.normalized().value()));
        extra.forEach(url -> urls.add(url.normalized().value()));
        return urls.size();
    }

    /** The last line of {@code peers}, which replaces the status line. */
    static String peersSummary(DiscoveryReport report, boolean interrupted) {
        long answered = report.trackers().stream().filter(TrackerReport::ok).count();
        return (report.peers().isEmpty()
                        ? "no peers found"
                        : "found " + report.peers().size() + (report.peers().size() == 1 ? " peer" : " peers"))
                + "; "
                + answered(answered, report.trackers().size(), report.elapsed())
                + (interrupted ? " (interrupted)" : report.enoughPeers() ? " (stopped early: enough peers)" : "");
    }

    /** The last line of {@code scrape}. */
    static String scrapeSummary(ScrapeReport report, boolean interrupted) {
        long answered = report.trackers().stream().filter(TrackerScrape::ok).count();
        return answered(answered, report.trackers().size(), report.elapsed()) + (interrupted ? " (interrupted)" : "");
    }

    private static String answered(long answered, int trackers, Duration elapsed) {
        return answered + " of " + Formats.counted(trackers, "tracker") + " answered in " + Formats.duration(elapsed);
    }

    /** {@code 12 s}: whole seconds are enough at one update a second. */
    static String elapsed(Duration elapsed) {
        return elapsed.toSeconds() + " s";
    }
}
