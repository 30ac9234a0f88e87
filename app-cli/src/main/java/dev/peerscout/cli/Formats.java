package dev.peerscout.cli;

import java.time.Duration;

/**
 * How numbers look to people. Written out by hand rather than with {@code String.format}: the
 * Formatter and its locale data cost a short command more than all of its own output.
 */
final class Formats {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Formats() {}

    /** {@code 1.5 GiB}: one decimal, rounded half up. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return oneDecimal(bytes / Math.pow(1024, unit)) + " " + UNITS[unit];
    }

    /** {@code 1,234,567}. */
    static String count(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder grouped = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            grouped.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(digits.charAt(i));
        }
        return grouped.toString();
    }

    /** {@code 1 seeder}, {@code 2 seeders}, {@code ? seeders} when unknown: counts read as English. */
    static String counted(io.vavr.control.Option<? extends Number> n, String noun) {
        return n.map(value -> counted(value.longValue(), noun)).getOrElse("? " + noun + "s");
    }

    static String counted(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code 45 ms}, {@code 1.2 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : oneDecimal(millis / 1000.0) + " s";
    }

    /** A non-negative value with one decimal, rounded half up. */
    private static String oneDecimal(double value) {
        long tenths = Math.round(value * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }
}
