package dev.peerscout.cli;

import dagger.Lazy;
import dev.peerscout.domain.health.AddressSummary;
import dev.peerscout.domain.health.CheckOptions;
import dev.peerscout.domain.health.CheckReport;
import dev.peerscout.domain.health.CheckRun;
import dev.peerscout.domain.health.CheckTrackers;
import dev.peerscout.domain.health.TrackerCheck;
import dev.peerscout.domain.health.TrackerWatch;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.TrackerUrl;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import javax.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "trackers",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Checks whether trackers answer: every URL at once, each address (A and AAAA) on its own.",
            "UDP: connect, announce, scrape; HTTP(S): announce and scrape (BEP 48). The announce says 'started' for a "
                    + "random info hash (or --info-hash) and is followed by 'stopped'. A tracker that answers with an "
                    + "error is alive.",
            "A table on stdout (best first), a summary line on stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every URL had an address that answered (--watch: at least once)", "1:some URL had none",
            "2:bad input or usage (one line on stderr)", "3:internal error", "4:standard output could not be written",
            "130:interrupted by Ctrl-C; a watch prints its summary first (143 SIGTERM, 129 SIGHUP)"})
final class TrackersCommand implements Callable<Integer> {
    /** Checking a tracker more often than this is impolite, unless the user names a real swarm. */
    static final Duration POLITE_WATCH = Duration.ofSeconds(60);
    /** One run checks a list, not a crawl: more URLs than this is a mistake. */
    static final int MAX_URLS = 100_000;
    private static final Pattern V1_HEX = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern V2_HEX = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<url>", arity = "0..*", description = "Tracker announce URLs (udp://, http://, https://).")
    List<String> urls = new ArrayList<>();

    @Option(names = "--from", paramLabel = "FILE",
            description = "Read more URLs from FILE ('-' for stdin): one per line, blank lines and # comments skipped.")
    String from;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "One deadline for the whole check, every address and step included (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--info-hash", paramLabel = "HASH",
            description = "Announce this swarm (40 hex digits, or 64 for v2) instead of a random one.")
    String infoHash;

    @Option(names = "-4", description = "Check IPv4 addresses only.")
    boolean ipv4Only;

    @Option(names = "-6", description = "Check IPv6 addresses only.")
    boolean ipv6Only;

    @Option(names = "--json", description = "One JSON document on stdout.")
    boolean json;

    @Option(names = "--ndjson", description = "One JSON object per line on stdout for each address checked, as it happens.")
    boolean ndjson;

    @Option(names = "--watch", paramLabel = "SECONDS",
            description = "Check again every SECONDS (at least 60 unless --info-hash is given), one NDJSON event per "
                    + "check; at the end (--count reached or Ctrl-C) a summary per URL and address.")
    Long watchSeconds;

    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N rounds (default: until Ctrl-C).")
    Integer count;

    @Option(names = "--show-secrets", description = "Show tracker passkeys instead of masking them.")
    boolean showSecrets;

    private final Lazy<CheckTrackers> checkTrackers;
    private final Lazy<RandomGenerator> random;

    @Inject
    TrackersCommand(Lazy<CheckTrackers> checkTrackers, Lazy<RandomGenerator> random) {
        this.checkTrackers = checkTrackers;
        this.random = random;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<TrackerUrl> trackers = trackers();
        CheckOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        HealthOutput output = new HealthOutput(out, showSecrets);
        if (watchSeconds != null) {
            return watch(trackers, options, output);
        }
        if (count != null) {
            throw new UserError("--count needs --watch");
        }
        if (json && ndjson) {
            throw new UserError("--json and --ndjson cannot be used together");
        }
        try (Signals.Interrupts interrupts = Signals.Interrupts.install()) {
            CheckRun running = checkTrackers.get().start(trackers, options, check -> {
                if (ndjson) {
                    output.checkEvents(check);
                }
            });
            CheckReport report = await(running.report(), interrupts.first(), options.timeout().plusSeconds(5));
            boolean interrupted = report == null;
            if (interrupted) {
                // Ctrl-C: ends like the deadline, goodbyes included (a second Ctrl-C ends at once).
                spec.commandLine().getErr().println("interrupted: saying goodbye to the trackers (Ctrl-C again to quit now)");
                spec.commandLine().getErr().flush();
                report = await(running.stop(), new CompletableFuture<>(), Duration.ofSeconds(5));
            }
            if (json) {
                output.json(report);
            } else if (!ndjson) {
                output.table(report);
            }
            out.flush();
            summaryLine(report.trackers(), trackers.size(), report.elapsed(), interrupted);
            OutputWriter.check(out, false);
            if (interrupted) {
                return interrupts.exitCode();
            }
            return report.allAlive() ? ExitCodes.OK : ExitCodes.NOTHING_FOUND;
        }
    }

    /** NDJSON per check, then a summary per URL and address; Ctrl-C ends it with the summary. */
    private int watch(List<TrackerUrl> trackers, CheckOptions options, HealthOutput output) throws InterruptedException {
        Duration every = Duration.ofSeconds(watchSeconds);
        if (watchSeconds < 1 || (infoHash == null && every.compareTo(POLITE_WATCH) < 0)) {
            throw new UserError("--watch must be at least " + POLITE_WATCH.toSeconds()
                    + " seconds, to stay polite to the trackers (or name a real swarm with --info-hash)");
        }
        if (count != null && count < 1) {
            throw new UserError("--count must be at least 1");
        }
        if (json) {
            throw new UserError("--watch writes NDJSON; --json has no use with it");
        }
        if (every.compareTo(options.timeout()) < 0) {
            throw new UserError("--watch must be at least --timeout, so that rounds do not overlap");
        }
        TrackerWatch watch = checkTrackers.get().watch(trackers, options, every, count == null ? 0 : count,
                output::checkEvents);
        try (Signals.Interrupts interrupts = Signals.Interrupts.install()) {
            // Ctrl-C (or SIGTERM, SIGHUP) ends the watch; the summary covers the checks done by then.
            interrupts.first().thenRun(watch::stop);
            List<AddressSummary> summary;
            try {
                summary = count == null ? watch.summary().get()
                        : watch.summary().get(every.multipliedBy(count).plus(options.timeout()).plusSeconds(5).toMillis(),
                                TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("watch failed", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("watch did not end by its last deadline", e);
            }
            output.summaryEvents(summary);
            Set<TrackerUrl> answering = new HashSet<>();
            summary.stream().filter(s -> s.alive() > 0).forEach(s -> answering.add(s.url()));
            spec.commandLine().getErr().println("watched " + trackers.size() + (trackers.size() == 1 ? " URL" : " URLs")
                    + ": " + answering.size() + " answered at least once" + (interrupts.happened() ? " (interrupted)" : ""));
            spec.commandLine().getErr().flush();
            OutputWriter.check(spec.commandLine().getOut(), false);
            if (interrupts.happened()) {
                return interrupts.exitCode();
            }
            return answering.containsAll(trackers) ? ExitCodes.OK : ExitCodes.NOTHING_FOUND;
        }
    }

    private void summaryLine(List<TrackerCheck> checks, int urls, Duration elapsed, boolean interrupted) {
        long alive = checks.stream().filter(TrackerCheck::alive).count();
        long addresses = checks.stream().mapToLong(check -> check.addresses().size()).sum();
        long answering = checks.stream().flatMap(check -> check.addresses().stream()).filter(a -> a.alive()).count();
        PrintWriter err = spec.commandLine().getErr();
        err.println(alive + " of " + urls + " tracker URLs answered (" + answering + " of " + addresses + " addresses) in " + Formats.duration(elapsed)
                + (interrupted ? " (interrupted)" : ""));
        err.flush();
    }

    private List<TrackerUrl> trackers() {
        List<String> all = new ArrayList<>(urls);
        all.addAll(ScrapeCommand.referencesFrom(from));
        if (all.isEmpty()) {
            throw new UserError("no tracker to check: name tracker URLs (or --from FILE)");
        }
        if (all.size() > MAX_URLS) {
            throw new UserError("more than " + MAX_URLS + " tracker URLs: check them in parts");
        }
        List<TrackerUrl> trackers = new ArrayList<>(all.size());
        for (String url : all) {
            String trimmed = url.strip();
            if (!SCHEME.matcher(trimmed).matches()) {
                throw new UserError("not a tracker URL: " + Text.printable(TrackerUrl.of(trimmed).redacted())
                        + " (expected udp://, http:// or https://)");
            }
            trackers.add(TrackerUrl.of(trimmed));
        }
        return trackers;
    }

    private CheckOptions options() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new UserError("--timeout must be more than 0 and at most 3600 seconds, got " + timeoutSeconds);
        }
        if (ipv4Only && ipv6Only) {
            throw new UserError("-4 and -6 cannot be used together");
        }
        Set<AddressFamily> families = ipv4Only ? EnumSet.of(AddressFamily.IPV4)
                : ipv6Only ? EnumSet.of(AddressFamily.IPV6) : EnumSet.allOf(AddressFamily.class);
        return new CheckOptions(Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000))), families, swarm(),
                PeerId.random(PeerId.DEFAULT_PREFIX, random.get()), random.get().nextInt(), 6881);
    }

    /** The user's swarm, or a random one (which many trackers refuse with an error: still an answer). */
    private InfoHash swarm() {
        if (infoHash == null) {
            byte[] bytes = new byte[InfoHash.LENGTH];
            random.get().nextBytes(bytes);
            return InfoHash.of(bytes);
        }
        String hex = infoHash.strip();
        if (V1_HEX.matcher(hex).matches()) {
            return InfoHash.fromHex(hex);
        }
        if (V2_HEX.matcher(hex).matches()) {
            return InfoHashV2.fromHex(hex).truncated();
        }
        throw new UserError("--info-hash must be 40 hex digits (v1) or 64 (v2), got " + Text.printable(infoHash));
    }

    /** The report, or null when a signal came first. */
    private static CheckReport await(CompletableFuture<CheckReport> report, CompletableFuture<Integer> interrupted,
            Duration bound) throws InterruptedException {
        try {
            CompletableFuture.anyOf(report, interrupted).get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return report.isDone() ? report.get() : null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("tracker check failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("tracker check did not end by its deadline", e);
        }
    }
}
