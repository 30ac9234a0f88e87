package dev.peerscout.cli.ends;

import dev.peerscout.domain.testing.ChildProcesses;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * peerscout in a child JVM, for what only a process shows: signals, exit codes, writes to a full
 * disk or a closed descriptor. Its stderr is read line by line as it comes; every wait is bounded.
 */
final class ChildCli implements AutoCloseable {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Process process;
    private final BlockingQueue<String> errLines = new LinkedBlockingQueue<>();
    private final List<String> errSeen = new ArrayList<>();
    private final CompletableFuture<String> out;
    private final BlockingQueue<String> outLines = new LinkedBlockingQueue<>();

    private ChildCli(Process process, boolean readStdout) {
        this.process = ChildProcesses.killedOnExit(process);
        Thread errReader = new Thread(() -> readLines(process.getErrorStream()), "child-stderr");
        errReader.setDaemon(true);
        errReader.start();
        out = readStdout
                ? CompletableFuture.supplyAsync(() -> readAll(process.getInputStream(), outLines))
                : CompletableFuture.completedFuture("");
    }

    /** The command line that runs peerscout with these arguments. */
    static List<String> command(String... args) {
        List<String> command =
                new ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path"), "dev.peerscout.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    static ChildCli start(String... args) throws IOException {
        return new ChildCli(new ProcessBuilder(command(args)).start(), true);
    }

    /** With stdout written to {@code file} ({@code /dev/full}). */
    static ChildCli startWritingTo(File file, String... args) throws IOException {
        return new ChildCli(
                new ProcessBuilder(command(args)).redirectOutput(file).start(), false);
    }

    /** With stdout closed ({@code >&-}), through the shell. */
    static ChildCli startWithStdoutClosed(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$0\" \"$@\" >&-"));
        command.addAll(command(args));
        return new ChildCli(
                new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start(),
                false);
    }

    /** Waits (bounded) for a stderr line that matches; fails with everything seen so far. */
    String awaitErrLine(Predicate<String> wanted, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            String line = errLines.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            synchronized (errSeen) {
                errSeen.add(line);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no stderr line " + what + "; saw " + err());
    }

    /** Waits (bounded) for a stdout line that matches, while the process runs. */
    String awaitOutLine(Predicate<String> wanted, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < until) {
            String line = outLines.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no stdout line " + what + "; saw " + seen);
    }

    /** Sends {@code SIGINT}, {@code SIGTERM} or {@code SIGHUP} by the child's pid. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    /** The exit code, once the process has ended (bounded). */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            ChildProcesses.stop(process);
            throw new AssertionError("peerscout did not end; stderr: " + err());
        }
        return process.exitValue();
    }

    String out() throws Exception {
        return out.get(60, TimeUnit.SECONDS);
    }

    /** Every stderr line, once the process has ended. */
    List<String> errLinesAtEnd() throws InterruptedException {
        exitCode();
        // The reader thread ends with the stream; what is left is in the queue shortly after.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!drained && System.nanoTime() < until) {
            String line = errLines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                synchronized (errSeen) {
                    errSeen.add(line);
                }
            }
        }
        errLines.drainTo(errSeen);
        return err();
    }

    private volatile boolean drained;

    private List<String> err() {
        synchronized (errSeen) {
            return List.copyOf(errSeen);
        }
    }

    private void readLines(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                errLines.add(line);
            }
        } catch (IOException e) {
            errLines.add("(stderr unreadable: " + e + ")");
        } finally {
            drained = true;
        }
    }

    /** All of stdout; each line also goes to {@code lines} as it comes. */
    private static String readAll(InputStream stream, BlockingQueue<String> lines) {
        StringBuilder all = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                all.append(line).append('\n');
                lines.add(line);
            }
            return all.toString();
        } catch (IOException e) {
            return "(stdout unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            ChildProcesses.stop(process);
        }
    }
}
