package dev.peerscout.adapters.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP tracker client.
 *
 * @param maxBodyBytes   the most we read of an answer, after gzip decompression too
 * @param maxRedirects   redirects followed per request; one more is an error
 * @param userAgent      sent as {@code User-Agent}
 * @param connectTimeout the longest a TCP/TLS connect may take (the caller's deadline cuts it shorter)
 * @param scrapeBatch    info hashes per scrape request at first; halved whenever a tracker says
 *                       "URI too long" (opentracker answers at most 64 per request)
 */
public record HttpTrackerConfig(
        int maxBodyBytes, int maxRedirects, String userAgent, Duration connectTimeout, int scrapeBatch) {

    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    public static final String DEFAULT_USER_AGENT = "peerscout/0.1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_SCRAPE_BATCH = 64;

    public HttpTrackerConfig {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (scrapeBatch < 1) {
            throw new IllegalArgumentException("scrapeBatch must be positive");
        }
    }

    public static HttpTrackerConfig defaults() {
        return new HttpTrackerConfig(
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_REDIRECTS,
                DEFAULT_USER_AGENT,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_SCRAPE_BATCH);
    }

    /** {@code 4 MiB}, {@code 512 KiB} or {@code 1000 bytes}, for messages. */
    String bodyLimitText() {
        return ByteSizes.text(maxBodyBytes);
    }
}
