package dev.peerscout.bench;

import dev.peerscout.adapters.torrentfile.TorrentFileReader;
import dev.peerscout.domain.model.Torrent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + info hash of a large in-memory .torrent (default 100,000 files, 1,000,000 pieces:
 * about 24.6 MB), through the same entry point the CLI uses for files, minus the disk read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TorrentParseBenchmark {
    @Param({"100000"})
    int files;

    @Param({"1000000"})
    int pieces;

    private byte[] torrent;
    private TorrentFileReader reader;

    @Setup
    public void generate() {
        torrent = LargeTorrent.generate(files, pieces);
        reader = new TorrentFileReader();
    }

    @Benchmark
    public Torrent parseAndHash() {
        return reader.parse("bench.torrent", torrent)
                .getOrElseThrow(error -> new IllegalStateException(error.message()));
    }
}
