package dev.peerscout.bencode;

import java.util.Optional;

/**
 * The first departures from canonical form ({@link CanonicalBencode}) that the decoder met in its
 * one pass, in input order, so that checking a value (a torrent's info dictionary) needs no second
 * walk over it. Only the first {@link #KEPT} are kept, with their messages: hostile input may hold
 * millions, and which is first in a span is known from those alone unless the span lies past them.
 */
final class NonCanonicalFindings {
    static final int KEPT = 16;

    /** Allocated at the first finding: most input has none, and each file entry read again is scanned anew. */
    private int[] offsets;
    /**
     * Where the value a finding concerns starts: the finding's own offset, or for a key out of
     * order the start of its dictionary (the key alone, read as a value, is canonical).
     */
    private int[] scopes;

    private String[] messages;
    private int count;
    private boolean dropped;

    void add(int offset, String message) {
        add(offset, offset, message);
    }

    /** A finding at {@code offset} about the value that starts at {@code scope}. */
    void add(int scope, int offset, String message) {
        if (offsets == null) {
            offsets = new int[KEPT];
            scopes = new int[KEPT];
            messages = new String[KEPT];
        }
        if (count == KEPT) {
            dropped = true;
            return;
        }
        offsets[count] = offset;
        scopes[count] = scope;
        messages[count] = message;
        count++;
    }

    /**
     * The first finding about the value spanning {@code [from, to)} or one inside it, or
     * {@code null} when the kept findings cannot tell: some were dropped, and the span reaches
     * past the last one kept.
     */
    Optional<String> firstIn(int from, int to) {
        for (int i = 0; i < count; i++) {
            if (scopes[i] >= from && offsets[i] < to) {
                return Optional.of(messages[i]);
            }
        }
        // Every finding before the last kept one was kept: a span that ends by it has none.
        return !dropped || to <= offsets[count - 1] ? Optional.empty() : null;
    }
}
