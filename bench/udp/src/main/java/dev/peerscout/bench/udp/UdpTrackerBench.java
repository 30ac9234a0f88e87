package dev.peerscout.bench.udp;

import dev.peerscout.adapters.udp.UdpTrackerClient;
import dev.peerscout.adapters.udp.UdpTrackerConfig;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.time.SystemScheduler;
import io.vavr.control.Either;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Drives the UDP tracker client against a local opentracker and prints scrape throughput
 * (hashes/s), announce throughput (announces/s) and the round-trip latency of single announces,
 * each with opentracker's and the client's CPU over the phase. Every figure has a reference from
 * the same run: a bare blocking socket sending the same datagrams with the same window (no
 * futures, no matching, no retransmission), i.e. what opentracker can take from one socket here.
 *
 * <pre>
 *   prepare --hashes N --dir DIR          write DIR/whitelist.txt, print two free ports (tcp udp)
 *   run --hashes N --udp-port P --pid PID [--samples K] [--window W] [--rounds R] [--scrapes S] [--warmup W]
 *       [--clk-tck 100] [--phases scrape,announce,latency]
 * </pre>
 *
 * <p>A scrape round is S calls in a row, each for all N hashes, so that it lasts long enough for
 * opentracker's CPU time (counted in clock ticks, 10 ms each) to mean something. Both sides first
 * run W warm-up passes of the measured calls: the client's paths are far longer than the bare
 * socket's, and with fewer passes its later rounds are still being compiled by C2 while measured.
 */
public final class UdpTrackerBench {
    private static final long SEED = 0x5eed_b0bL;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long PROTOCOL_ID = 0x41727101980L;

    private final Map<String, String> options;
    private final List<InfoHash> hashes;

    private UdpTrackerBench(Map<String, String> options) {
        this.options = options;
        this.hashes = hashes(intOption("hashes", 100_000));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        UdpTrackerBench bench = new UdpTrackerBench(options);
        switch (args.length == 0 ? "" : args[0]) {
            case "prepare" -> bench.prepare();
            case "run" -> bench.run();
            default -> throw new IllegalArgumentException("usage: prepare|run --option value ...");
        }
    }

    private void prepare() throws IOException {
        Path dir = Path.of(options.get("dir"));
        Files.writeString(dir.resolve("whitelist.txt"),
                hashes.stream().map(h -> h.hex() + "\n").collect(Collectors.joining()));
        System.out.println(freeTcpPort() + " " + freeUdpPort());
    }

    private void run() throws Exception {
        int port = intOption("udp-port", 0);
        int samples = intOption("samples", 2_000);
        int window = intOption("window", UdpTrackerConfig.DEFAULT_MAX_IN_FLIGHT_PER_TRACKER);
        int rounds = intOption("rounds", 3);
        int scrapes = intOption("scrapes", 10);
        int warmUp = intOption("warmup", 5);
        List<String> phasesToRun = List.of(options.getOrDefault("phases", "scrape,announce,latency").split(","));
        TrackerUrl tracker = TrackerUrl.of("udp://127.0.0.1:" + port + "/announce");
        Cpu cpu = new Cpu(Long.parseLong(options.get("pid")), intOption("clk-tck", 100));
        SystemScheduler scheduler = new SystemScheduler();
        UdpTrackerConfig config = UdpTrackerConfig.defaults().withRetransmitBase(Duration.ofSeconds(1))
                .withMaxInFlightPerTracker(window);
        RawSocket raw = new RawSocket(port, window);

        System.out.printf("UDP tracker client vs opentracker on 127.0.0.1:%d: %,d hashes, window %d, %d cores%n",
                port, hashes.size(), window, Runtime.getRuntime().availableProcessors());
        try (UdpTrackerClient client = new UdpTrackerClient(scheduler, new SecureRandom(), config)) {
            Phases phases = new Phases(client, tracker, scheduler, cpu);
            phases.awaitReady();
            phases.warmUp(warmUp);
            raw.warmUp(hashes, warmUp);
            if (phasesToRun.contains("scrape")) {
                System.out.printf("-- scrape: %d calls in a row, each for all hashes (74 per datagram, result map included)%n",
                        scrapes);
                for (int round = 1; round <= rounds; round++) {
                    phases.scrapeAll(round, scrapes);
                }
                for (int round = 1; round <= rounds; round++) {
                    cpu.report("   raw socket " + round, scrapes * hashes.size(), "hashes", () -> raw.scrape(hashes, scrapes));
                }
            }
            if (phasesToRun.contains("announce")) {
                System.out.println("-- announce: one call per hash, all issued at once");
                for (int round = 1; round <= rounds; round++) {
                    phases.announceAll(round);
                }
                for (int round = 1; round <= rounds; round++) {
                    int seed = round;
                    cpu.report("   raw socket " + round, hashes.size(), "announces", () -> raw.announce(hashes, seed));
                }
            }
            if (phasesToRun.contains("latency")) {
                System.out.println("-- latency: sequential announces of one swarm");
                phases.latency(samples);
            }
        }
        if (phasesToRun.contains("latency")) {
            System.out.println("   raw socket: " + raw.latency(hashes.get(0), samples));
        }
    }

    /** The client's side of each phase. */
    private final class Phases {
        private final UdpTrackerClient client;
        private final TrackerUrl tracker;
        private final SystemScheduler scheduler;
        private final Cpu cpu;

        Phases(UdpTrackerClient client, TrackerUrl tracker, SystemScheduler scheduler, Cpu cpu) {
            this.client = client;
            this.tracker = tracker;
            this.scheduler = scheduler;
            this.cpu = cpu;
        }

        void scrapeAll(int round, int calls) throws Exception {
            int[] datagrams = new int[1];
            cpu.report("   client     " + round, calls * hashes.size(), "hashes", () -> {
                for (int call = 0; call < calls; call++) {
                    Either<TrackerFailure, ScrapeResponse> outcome = client.scrape(tracker, hashes,
                            scheduler.now().plus(Duration.ofMinutes(5))).get(6, TimeUnit.MINUTES);
                    datagrams[0] += outcome.getOrElseThrow(f -> new IllegalStateException(f.message())).attempts();
                }
            });
            System.out.printf("      (%,d datagrams)%n", datagrams[0]);
        }

        void announceAll(int round) throws Exception {
            SplittableRandom random = new SplittableRandom(SEED + round);
            List<AnnounceRequest> requests = new ArrayList<>(hashes.size());
            for (int i = 0; i < hashes.size(); i++) {
                requests.add(request(hashes.get(i), PeerId.random("-PS0100-", random), 1 + i % 65_000,
                        AnnounceEvent.STARTED));
            }
            // Outcomes are tallied as they come, as discovery consumes them, not all kept to the end:
            // holding 100,000 responses would make the phase measure the collector's copying.
            LongAdder datagrams = new LongAdder();
            LongAdder failed = new LongAdder();
            AtomicReference<String> firstFailure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(requests.size());
            cpu.report("   client     " + round, hashes.size(), "announces", () -> {
                Instant deadline = scheduler.now().plus(Duration.ofMinutes(5));
                for (AnnounceRequest request : requests) {
                    client.announce(tracker, request, deadline).thenAccept(outcome -> {
                        datagrams.add(outcome.fold(TrackerFailure::attempts, AnnounceResponse::attempts));
                        outcome.peekLeft(failure -> {
                            failed.increment();
                            firstFailure.compareAndSet(null, failure.message());
                        });
                        done.countDown();
                    });
                }
                if (!done.await(6, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("announces did not end by their deadline");
                }
            });
            System.out.printf("      (%,d datagrams, %,d failed%s)%n", datagrams.sum(), failed.sum(),
                    failed.sum() == 0 ? "" : ": " + firstFailure.get());
        }

        void latency(int samples) throws Exception {
            AnnounceRequest request = request(hashes.get(0),
                    PeerId.random("-PS0100-", new SplittableRandom(SEED)), 40_000, AnnounceEvent.NONE);
            long[] nanos = new long[samples];
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                client.announce(tracker, request, scheduler.now().plus(Duration.ofSeconds(10)))
                        .get(15, TimeUnit.SECONDS).getOrElseThrow(f -> new IllegalStateException(f.message()));
                nanos[i] = System.nanoTime() - start;
            }
            System.out.println("   client:     " + percentiles(nanos) + " over " + samples + " announces");
        }

        void awaitReady() throws Exception {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until) {
                if (client.scrape(tracker, List.of(hashes.get(0)), scheduler.now().plus(Duration.ofMillis(500)))
                        .get(2, TimeUnit.SECONDS).isRight()) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("opentracker did not answer");
        }

        /**
         * Lets the JIT compile the hot paths before anything is measured: the same calls as the
         * phases, passes times. Each announce pass is a 'started' that gets peers back (the warm-up
         * peer itself), as in the phase, then a 'stopped' that takes the warm-up peer out again.
         */
        void warmUp(int passes) throws Exception {
            for (int i = 0; i < passes; i++) {
                client.scrape(tracker, hashes, scheduler.now().plus(Duration.ofMinutes(1))).get(2, TimeUnit.MINUTES);
            }
            PeerId stranger = PeerId.random("-PS0100-", new SplittableRandom(SEED - 1));
            for (int i = 0; i < passes; i++) {
                for (AnnounceEvent event : List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED)) {
                    List<CompletableFuture<?>> pending = new ArrayList<>();
                    Instant deadline = scheduler.now().plus(Duration.ofMinutes(1));
                    for (InfoHash hash : hashes) {
                        pending.add(client.announce(tracker, request(hash, stranger, 40_002, event), deadline));
                    }
                    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                }
            }
        }
    }

    /**
     * The reference: one blocking socket, the same datagrams, the same window, nothing else. A
     * datagram lost on the way ends the phase with an exception (there is no retransmission).
     */
    private static final class RawSocket {
        private final int port;
        private final int window;

        RawSocket(int port, int window) {
            this.port = port;
            this.window = window;
        }

        /**
         * {@code calls} pipelines in a row, each building its datagrams and draining before the
         * next (as the client's calls encode theirs and end when every batch has answered).
         */
        void scrape(List<InfoHash> hashes, int calls) throws IOException {
            try (DatagramSocket socket = open()) {
                long connectionId = connect(socket);
                for (int call = 0; call < calls; call++) {
                    List<byte[]> datagrams = new ArrayList<>();
                    for (int from = 0; from < hashes.size(); from += 74) {
                        List<InfoHash> batch = hashes.subList(from, Math.min(hashes.size(), from + 74));
                        ByteBuffer datagram = ByteBuffer.allocate(16 + 20 * batch.size()).putLong(connectionId)
                                .putInt(2).putInt(from);
                        batch.forEach(hash -> datagram.put(hash.toBytes()));
                        datagrams.add(datagram.array());
                    }
                    pipeline(socket, datagrams);
                }
            }
        }

        /**
         * The same warm-up as the client's, so neither side is measured while the JIT compiles it:
         * scrapes, then 'started' and 'stopped' announces of a warm-up peer (the swarms end as they were).
         */
        void warmUp(List<InfoHash> hashes, int passes) throws IOException {
            scrape(hashes, passes);
            try (DatagramSocket socket = open()) {
                long connectionId = connect(socket);
                PeerId stranger = PeerId.random("-PS0100-", new SplittableRandom(SEED - 2));
                for (int pass = 0; pass < passes; pass++) {
                    for (int event : new int[] {2, 3}) {
                        List<byte[]> datagrams = new ArrayList<>(hashes.size());
                        for (int i = 0; i < hashes.size(); i++) {
                            datagrams.add(announce(connectionId, i, hashes.get(i), stranger, 40_003, event));
                        }
                        pipeline(socket, datagrams);
                    }
                }
            }
        }

        void announce(List<InfoHash> hashes, int round) throws IOException {
            try (DatagramSocket socket = open()) {
                long connectionId = connect(socket);
                SplittableRandom random = new SplittableRandom(SEED * 31 + round);
                List<byte[]> datagrams = new ArrayList<>(hashes.size());
                for (int i = 0; i < hashes.size(); i++) {
                    datagrams.add(announce(connectionId, i, hashes.get(i), PeerId.random("-PS0100-", random),
                            1 + i % 65_000));
                }
                pipeline(socket, datagrams);
            }
        }

        String latency(InfoHash hash, int samples) throws IOException {
            try (DatagramSocket socket = open()) {
                byte[] datagram = announce(connect(socket), 7, hash,
                        PeerId.random("-PS0100-", new SplittableRandom(SEED + 99)), 40_001);
                byte[] reply = new byte[64 * 1024];
                long[] nanos = new long[samples * 2];
                for (int i = 0; i < nanos.length; i++) {
                    long start = System.nanoTime();
                    socket.send(new DatagramPacket(datagram, datagram.length));
                    socket.receive(new DatagramPacket(reply, reply.length));
                    nanos[i] = System.nanoTime() - start;
                }
                return percentiles(Arrays.copyOfRange(nanos, samples, nanos.length)) + " over " + samples
                        + " (after as many to warm up)";
            }
        }

        private void pipeline(DatagramSocket socket, List<byte[]> datagrams) throws IOException {
            byte[] reply = new byte[64 * 1024];
            int sent = 0;
            for (; sent < Math.min(window, datagrams.size()); sent++) {
                socket.send(new DatagramPacket(datagrams.get(sent), datagrams.get(sent).length));
            }
            for (int received = 0; received < datagrams.size(); received++) {
                try {
                    socket.receive(new DatagramPacket(reply, reply.length));
                } catch (SocketTimeoutException e) {
                    throw new IOException("raw socket: a datagram was lost after " + received + " replies", e);
                }
                if (sent < datagrams.size()) {
                    socket.send(new DatagramPacket(datagrams.get(sent), datagrams.get(sent).length));
                    sent++;
                }
            }
        }

        private DatagramSocket open() throws IOException {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            socket.connect(LOOPBACK, port);
            socket.setSoTimeout(2_000);
            return socket;
        }

        private static long connect(DatagramSocket socket) throws IOException {
            byte[] request = ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(0).putInt(1).array();
            socket.send(new DatagramPacket(request, request.length));
            byte[] reply = new byte[64];
            socket.receive(new DatagramPacket(reply, reply.length));
            return ByteBuffer.wrap(reply).getLong(8);
        }

        private static byte[] announce(long connectionId, int transactionId, InfoHash hash, PeerId peer, int port) {
            return announce(connectionId, transactionId, hash, peer, port, 2);
        }

        /** BEP 15 event codes: 2 started, 3 stopped. */
        private static byte[] announce(long connectionId, int transactionId, InfoHash hash, PeerId peer, int port,
                int event) {
            return ByteBuffer.allocate(98).putLong(connectionId).putInt(1).putInt(transactionId)
                    .put(hash.toBytes()).put(peer.toBytes()).putLong(0).putLong(1_000_000).putLong(0)
                    .putInt(event).putInt(0).putInt(7).putInt(50).putShort((short) port).array();
        }
    }

    private static AnnounceRequest request(InfoHash hash, PeerId peer, int port, AnnounceEvent event) {
        return new AnnounceRequest(hash, peer, port, 0, 0, 1_000_000, event, 50, 7, EnumSet.of(AddressFamily.IPV4));
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("median %.1f µs, p99 %.1f µs, max %.1f µs", sorted[sorted.length / 2] / 1e3,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    private static List<InfoHash> hashes(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<InfoHash> hashes = new ArrayList<>(count);
        byte[] bytes = new byte[InfoHash.LENGTH];
        for (int i = 0; i < count; i++) {
            random.nextBytes(bytes);
            hashes.add(InfoHash.of(bytes));
        }
        return hashes;
    }

    private int intOption(String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return socket.getLocalPort();
        }
    }

    /** A phase that may throw. */
    private interface Phase {
        void run() throws Exception;
    }

    /** CPU time of opentracker (from /proc), of this JVM and of the client's receiver thread; time spent in GC. */
    private record Cpu(long pid, int clockTicksPerSecond) {

        void report(String label, int items, String unit, Phase phase) throws Exception {
            double[] before = sample();
            long start = System.nanoTime();
            phase.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] after = sample();
            System.out.printf("%s: %,9.0f %s/s (%.3f s); CPU: opentracker %3.0f%%, client %3.0f%% (receiver thread %3.0f%%); GC %.0f ms%n",
                    label, items / seconds, unit, seconds, percent(before, after, 0, seconds),
                    percent(before, after, 1, seconds), percent(before, after, 2, seconds),
                    (after[3] - before[3]) * 1e3);
        }

        private static double percent(double[] before, double[] after, int which, double seconds) {
            return 100 * (after[which] - before[which]) / seconds;
        }

        private double[] sample() throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Field 3 (state) is index 0 here, so utime (14) and stime (15) are 11 and 12.
            double tracker = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) clockTicksPerSecond;
            double client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double receiver = 0;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("peerscout-udp-receiver")) {
                    receiver += threads.getThreadCpuTime(thread.getId()) / 1e9;
                }
            }
            double collecting = 0;
            for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                collecting += collector.getCollectionTime() / 1e3;
            }
            return new double[] {tracker, client, receiver, collecting};
        }
    }
}
