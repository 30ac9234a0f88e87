package dev.peerscout.cli;

import dev.peerscout.domain.model.LosslessText;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line as the shell passed it. The JVM decodes argv in the locale's charset
 * ({@code sun.jnu.encoding}) and replaces what it cannot decode: under {@code LC_ALL=C} "é" arrives
 * as two U+FFFD, and in a UTF-8 locale a file name that is not UTF-8 loses its bytes, so neither
 * file could be opened. Linux keeps the raw argv in {@code /proc/self/cmdline}; its last entries
 * are ours, decoded by {@link LosslessText} (UTF-8, other bytes kept as escapes). They are used
 * only if the JVM's own decoding of each matches the arguments it gave us, so a launcher that
 * rewrote argv, or another OS, leaves the arguments as they were.
 */
final class ProcessArguments {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private ProcessArguments() {}

    static String[] of(String[] args) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(CMDLINE);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return args;
        }
        return recovered(args, cmdline, jnuCharset());
    }

    /** {@code cmdline}: NUL-terminated entries; the last {@code args.length} are the program's. */
    static String[] recovered(String[] args, byte[] cmdline, Charset jvmDecoding) {
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (entries.size() < args.length) {
            return args;
        }
        List<byte[]> ours = entries.subList(entries.size() - args.length, entries.size());
        String[] recovered = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            byte[] raw = ours.get(i);
            if (!new String(raw, jvmDecoding).equals(args[i])) {
                return args;
            }
            recovered[i] = LosslessText.decode(raw);
        }
        return recovered;
    }

    private static Charset jnuCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
