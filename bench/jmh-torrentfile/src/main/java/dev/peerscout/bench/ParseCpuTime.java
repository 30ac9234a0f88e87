package dev.peerscout.bench;

import dev.peerscout.adapters.torrentfile.TorrentFileReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The benchmark's parse + hash, timed in CPU time of the parsing thread rather than wall time:
 * on a machine shared with other work, wall time measures the scheduler as much as the code,
 * while a thread's CPU time barely moves with the load. {@code bench/jmh-torrentfile/ab.sh cpu}
 * runs it. Prints the median and the best of {@code runs} parses after {@code warmups}, in ms.
 */
public final class ParseCpuTime {
    private ParseCpuTime() {}

    public static void main(String[] args) {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        byte[] torrent = LargeTorrent.generate(LargeTorrent.DEFAULT_FILES, LargeTorrent.DEFAULT_PIECES);
        TorrentFileReader reader = new TorrentFileReader();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmups; i++) {
            parse(reader, torrent);
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long before = threads.getCurrentThreadCpuTime();
            parse(reader, torrent);
            millis[i] = (threads.getCurrentThreadCpuTime() - before) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("median %.1f best %.1f%n", millis[runs / 2], millis[0]);
    }

    private static void parse(TorrentFileReader reader, byte[] torrent) {
        reader.parse("bench.torrent", torrent).getOrElseThrow(error -> new IllegalStateException(error.message()));
    }
}
