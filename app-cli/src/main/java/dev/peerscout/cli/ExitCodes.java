package dev.peerscout.cli;

/** What the command's exit status means; listed in {@code --help}. */
public final class ExitCodes {
    /** Peers found; scrape: at least one tracker answered; info: the torrent was read. */
    public static final int OK = 0;
    /** Nothing found: no peers, or no tracker answered a scrape. */
    public static final int NOTHING_FOUND = 1;
    /** Bad input or usage: one line on stderr says what. */
    public static final int BAD_INPUT = 2;
    /** A bug in peerscout: one line on stderr, the stack trace with --verbose. */
    public static final int INTERNAL_ERROR = 3;
    /** Standard output could not be written (a full disk, a closed descriptor): one line on stderr says why. */
    public static final int OUTPUT_ERROR = 4;
    /** Ended by a signal: 128 + its number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP), after the usual goodbyes. */
    public static final int SIGNALLED = 128;

    private ExitCodes() {}
}
