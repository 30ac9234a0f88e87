package dev.peerscout.cli;

import dev.peerscout.domain.health.CheckOptions;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.TrackerUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code trackers} was asked, as given, checked when it is made (in the order the user meets
 * the mistakes): the URLs, the deadline, the swarm, and a watch that stays polite.
 */
record TrackersRequest(
        List<String> urls,
        double timeoutSeconds,
        String infoHash,
        boolean ipv4Only,
        boolean ipv6Only,
        boolean json,
        boolean ndjson,
        Long watchSeconds,
        Integer count,
        boolean showSecrets) {
    /** Checking a tracker more often than this is impolite, unless the user names a real swarm. */
    static final Duration POLITE_WATCH = Duration.ofSeconds(60);
    /** One run checks a list, not a crawl: more URLs than this is a mistake. */
    static final int MAX_URLS = 100_000;

    private static final Pattern V1_HEX = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern V2_HEX = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    TrackersRequest {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new UserError("no tracker to check: name tracker URLs (or --from FILE)");
        }
        if (urls.size() > MAX_URLS) {
            throw new UserError("more than " + MAX_URLS + " tracker URLs: check them in parts");
        }
        for (String url : urls) {
            if (!SCHEME.matcher(url.strip()).matches()) {
                throw new UserError("not a tracker URL: "
                        + Text.printable(TrackerUrl.of(url.strip()).redacted())
                        + " (expected udp://, http:// or https://)");
            }
        }
        Duration timeout = NetworkOptions.timeout(timeoutSeconds);
        NetworkOptions.families(ipv4Only, ipv6Only);
        if (infoHash != null) {
            userSwarm(infoHash);
        }
        if (watchSeconds != null) {
            checkWatch(watchSeconds, count, infoHash != null, json, timeout);
        } else if (count != null) {
            throw new UserError("--count needs --watch");
        } else if (json && ndjson) {
            throw new UserError("--json and --ndjson cannot be used together");
        }
    }

    static void declare(CommandSpec spec) {
        spec.addPositional(Specs.parameters("<url>", "Tracker announce URLs (udp://, http://, https://)."));
        spec.addOption(Specs.typed(
                "--from",
                "FILE",
                String.class,
                null,
                "Read more URLs from FILE ('-' for stdin): one per line, blank lines and # comments skipped."));
        spec.addOption(Specs.typed(
                "--timeout",
                "SECONDS",
                double.class,
                "15",
                "One deadline for the whole check, every address and step included (default: ${DEFAULT-VALUE})."));
        spec.addOption(Specs.typed(
                "--info-hash",
                "HASH",
                String.class,
                null,
                "Announce this swarm (40 hex digits, or 64 for v2) instead of a random one."));
        spec.addOption(Specs.flag(new String[] {"-4"}, "Check IPv4 addresses only."));
        spec.addOption(Specs.flag(new String[] {"-6"}, "Check IPv6 addresses only."));
        spec.addOption(Specs.flag(new String[] {"--json"}, "One JSON document on stdout."));
        spec.addOption(Specs.flag(
                new String[] {"--ndjson"},
                "One JSON object per line on stdout for each address checked, as it happens."));
        spec.addOption(Specs.typed(
                "--watch",
                "SECONDS",
                Long.class,
                null,
                "Check again every SECONDS (at least 60 unless --info-hash is given), one NDJSON event per "
                        + "check; at the end (--count reached or Ctrl-C) a summary per URL and address."));
        spec.addOption(Specs.typed(
                "--count", "N", Integer.class, null, "With --watch: stop after N rounds (default: until Ctrl-C)."));
        spec.addOption(Specs.flag(new String[] {"--show-secrets"}, "Show tracker passkeys instead of masking them."));
    }

    /** The request a parsed spec of {@code trackers} holds; {@code --from} is read here. */
    static TrackersRequest of(CommandSpec spec, ReferenceList lists) {
        List<String> all = new ArrayList<>(Specs.parameterValues(spec));
        all.addAll(lists.read(Specs.value(spec, "--from")));
        return new TrackersRequest(
                all,
                Specs.value(spec, "--timeout"),
                Specs.value(spec, "--info-hash"),
                Specs.value(spec, "-4"),
                Specs.value(spec, "-6"),
                Specs.value(spec, "--json"),
                Specs.value(spec, "--ndjson"),
                Specs.value(spec, "--watch"),
                Specs.value(spec, "--count"),
                Specs.value(spec, "--show-secrets"));
    }

    List<TrackerUrl> trackers() {
        return urls.stream().map(url -> TrackerUrl.of(url.strip())).toList();
    }

    /** What a check needs; the peer id, key and (without --info-hash) the swarm are drawn from {@code random}. */
    CheckOptions options(RandomGenerator random) {
        return new CheckOptions(
                NetworkOptions.timeout(timeoutSeconds),
                NetworkOptions.families(ipv4Only, ipv6Only),
                swarm(random),
                PeerId.random(PeerId.DEFAULT_PREFIX, random),
                random.nextInt(),
                6881);
    }

    boolean watching() {
        return watchSeconds != null;
    }

    Duration watchEvery() {
        return Duration.ofSeconds(watchSeconds);
    }

    private static void checkWatch(long seconds, Integer count, boolean realSwarm, boolean json, Duration timeout) {
        Duration every = Duration.ofSeconds(seconds);
        if (seconds < 1 || (!realSwarm && every.compareTo(POLITE_WATCH) < 0)) {
            throw new UserError("--watch must be at least " + POLITE_WATCH.toSeconds()
                    + " seconds, to stay polite to the trackers (or name a real swarm with --info-hash)");
        }
        if (count != null && count < 1) {
            throw new UserError("--count must be at least 1");
        }
        if (json) {
            throw new UserError("--watch writes NDJSON; --json has no use with it");
        }
        if (every.compareTo(timeout) < 0) {
            throw new UserError("--watch must be at least --timeout, so that rounds do not overlap");
        }
    }

    /** The user's swarm, or a random one (which many trackers refuse with an error: still an answer). */
    private InfoHash swarm(RandomGenerator random) {
        if (infoHash == null) {
            byte[] bytes = new byte[InfoHash.LENGTH];
            random.nextBytes(bytes);
            return InfoHash.of(bytes);
        }
        return userSwarm(infoHash);
    }

    private static InfoHash userSwarm(String infoHash) {
        String hex = infoHash.strip();
        if (V1_HEX.matcher(hex).matches()) {
            return InfoHash.fromHex(hex);
        }
        if (V2_HEX.matcher(hex).matches()) {
            return InfoHashV2.fromHex(hex).truncated();
        }
        throw new UserError("--info-hash must be 40 hex digits (v1) or 64 (v2), got " + Text.printable(infoHash));
    }
}
