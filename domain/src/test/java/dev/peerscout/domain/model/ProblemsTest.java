package dev.peerscout.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void theInnermostWordsWinAndClassNamesNeverShow() {
        CompletionException wrapped = new CompletionException(new IllegalArgumentException("port out of range:99999"));
        assertEquals("port out of range:99999", Problems.describe(wrapped, "fallback"));
        assertEquals(
                "disk on fire",
                Problems.describe(new IllegalStateException("scrape failed", new IOException("disk on fire")), "x"));
        assertEquals("fallback", Problems.describe(new CompletionException(new NullPointerException()), "fallback"));
        assertEquals("fallback", Problems.describe(new IOException(" "), "fallback"));
    }
}
