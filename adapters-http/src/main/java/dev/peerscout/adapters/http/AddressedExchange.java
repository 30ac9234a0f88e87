package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.TrackerFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One GET to one chosen address of a tracker: every request of the HTTP tracker client. Not
 * java.net.http, for two reasons. Its start-up in a fresh C1-only JVM (a default TLS context
 * built even for http://, a selector thread, a few hundred classes) took ~0.4 s, more than a
 * whole announce. And JDK 17's client cannot be pointed at an address (tracker health judges every
 * address on its own): it connects to the first one the JVM resolves, and sending to an address
 * literal with the name in {@code Host} needs a JVM-wide property and still cannot give TLS the
 * name for SNI and certificate checks. So this is a deliberately small HTTP/1.0 exchange on a
 * socket of its own:
 * <ul>
 *   <li>{@code Host} is the tracker's name; for https, SNI is the name and the certificate is
 *       checked against it by the JDK's {@code HTTPS} endpoint identification, as java.net.http
 *       does. The TLS context (the JDK's default unless a test gives one) is made on the first
 *       https request: plain http never loads the trust store.</li>
 *   <li>HTTP/1.0 with {@code Connection: close}: the body ends with the connection (or at
 *       {@code Content-Length}); a chunked body (which a server must not send to 1.0) is still read.</li>
 *   <li>Direct: no proxy, as java.net.http's client without one.</li>
 *   <li>Bounded: the head by {@link #MAX_HEAD_BYTES}, the body by the client's body limit (the
 *       caller undoes gzip under the same limit), connect and reads by the time left, and closing
 *       the result (at the caller's deadline) closes the socket, as {@link #close()} closes all.</li>
 * </ul>
 */
final class AddressedExchange implements AutoCloseable {
    static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_CHUNK_LINE = 1024;

    private final HttpTrackerConfig config;
    private final Option<SSLContext> tls;
    private final Executor executor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** {@code tls}: none for the JDK's default context, made on first use. */
    AddressedExchange(HttpTrackerConfig config, Option<SSLContext> tls, Executor executor) {
        this.config = config;
        this.tls = tls;
        this.executor = executor;
    }

    /** A tracker's answer, whichever transport brought it. */
    record Answer(int status, Option<String> location, String contentEncoding, ReceivedBody body) {}

    /**
     * GETs {@code uri} from {@code address}; fails with the I/O exception (for
     * {@link TransportFailures}) or completes with a {@link TrackerFailure.Malformed} for an
     * answer that is not HTTP. Cancelling the future closes the connection. {@code writing} runs
     * just before the request's bytes go out, once the connection (and TLS) is set up.
     */
    CompletableFuture<Either<TrackerFailure, Answer>> get(
            URI uri, InetAddress address, Duration timeout, Runnable writing) {
        CompletableFuture<Either<TrackerFailure, Answer>> result = new CompletableFuture<>();
        AtomicReference<Socket> socket = new AtomicReference<>();
        result.whenComplete((answer, error) -> closeQuietly(socket.get()));
        try {
            executor.execute(() -> {
                try (Socket plain = new Socket(Proxy.NO_PROXY)) {
                    socket.set(plain);
                    open.add(plain);
                    // Closed meanwhile (the deadline, or the client): the socket closes on the way out.
                    if (result.isDone() || closed) {
                        result.completeExceptionally(new IOException("client closed"));
                        return;
                    }
                    result.complete(exchange(plain, uri, address, timeout, writing));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                } finally {
                    open.remove(socket.get());
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IOException("client closed"));
        }
        return result;
    }

    /** Closes every connection still open: their threads' blocked reads and connects end at once. */
    @Override
    public void close() {
        closed = true;
        open.forEach(AddressedExchange::closeQuietly);
    }

    private Either<TrackerFailure, Answer> exchange(
            Socket plain, URI uri, InetAddress address, Duration timeout, Runnable writing) throws IOException {
        boolean secure = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        plain.connect(new InetSocketAddress(address, port), (int)
                Math.max(1, Math.min(millis, config.connectTimeout().toMillis())));
        plain.setSoTimeout(millis);
        Socket socket = plain;
        // A fully qualified name's root dot ("tracker.example.org.") is no part of the name that
        // SNI carries (the JDK refuses it there) or that the certificate names.
        String host = FamilyRoute.hostOf(uri).replaceFirst("\\.$", "");
        if (secure) {
            SSLSocket layered = (SSLSocket) tlsSockets().createSocket(plain, host, port, true);
            SSLParameters parameters = layered.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (TrackerReplies.literalAddress(host).isEmpty()) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            layered.setSSLParameters(parameters);
            layered.startHandshake();
            socket = layered;
        }
        OutputStream out = socket.getOutputStream();
        writing.run();
        out.write(request(uri).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return read(new BufferedInputStream(socket.getInputStream()));
    }

    private SSLSocketFactory tlsSockets() throws IOException {
        try {
            return tls.isDefined()
                    ? tls.get().getSocketFactory()
                    : SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new SSLException("no TLS context: " + e.getMessage(), e);
        }
    }

    private String request(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String authority = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        return "GET " + path + query + " HTTP/1.0\r\n"
                + "Host: " + authority + "\r\n"
                + "User-Agent: " + config.userAgent() + "\r\n"
                + "Accept-Encoding: gzip\r\n"
                + "Connection: close\r\n\r\n";
    }

    private Either<TrackerFailure, Answer> read(InputStream in) throws IOException {
        BoundedBuffer head = new BoundedBuffer(MAX_HEAD_BYTES);
        int newlines = 0;
        while (newlines < 2) {
            int b = in.read();
            if (b < 0) {
                byte[] seen = head.toBytes();
                return Either.left(malformed(
                        seen.length == 0
                                ? "connection closed without an answer"
                                : "answer ended inside its head: " + BodyPreview.of(seen)));
            }
            if (!head.append(new byte[] {(byte) b}, 0, 1)) {
                return Either.left(malformed("HTTP head larger than " + ByteSizes.text(MAX_HEAD_BYTES)));
            }
            newlines = b == '\n' ? newlines + 1 : b == '\r' ? newlines : 0;
        }
        byte[] headBytes = head.toBytes();
        String[] lines = new String(headBytes, StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || !statusLine[1].matches("\\d{3}")) {
            return Either.left(malformed("not an HTTP answer: " + BodyPreview.of(headBytes)));
        }
        int status = Integer.parseInt(statusLine[1]);
        Option<String> location = Option.none();
        String encoding = "";
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            switch (name) {
                case "location" -> location = Option.some(value);
                case "content-encoding" -> encoding = value;
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-length" -> {
                    if (!value.matches("\\d{1,18}")) {
                        return Either.left(malformed("Content-Length is not a number: "
                                + BodyPreview.of(value.getBytes(StandardCharsets.ISO_8859_1))));
                    }
                    length = Long.parseLong(value);
                }
                default -> {}
            }
        }
        BoundedBuffer body = new BoundedBuffer(config.maxBodyBytes());
        boolean complete = chunked ? readChunked(in, body) : readPlain(in, body, length);
        if (!complete && !body.overflowed()) {
            return Either.left(malformed("HTTP " + status + " body cut short by the server"));
        }
        return Either.right(
                new Answer(status, location, encoding, new ReceivedBody(body.toBytes(), body.overflowed())));
    }

    /** Whether the body ended where it should (at Content-Length, or at the close without one). */
    private static boolean readPlain(InputStream in, BoundedBuffer body, long length) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        long left = length < 0 ? Long.MAX_VALUE : length;
        while (left > 0) {
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (read < 0) {
                return length < 0;
            }
            left -= read;
            if (!body.append(chunk, 0, read)) {
                return false;
            }
        }
        return true;
    }

    private static boolean readChunked(InputStream in, BoundedBuffer body) throws IOException {
        while (true) {
            String line = line(in);
            if (line == null) {
                return false;
            }
            String size = line.split(";", 2)[0].strip();
            if (!size.matches("[0-9A-Fa-f]{1,7}")) {
                return false;
            }
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                return true;
            }
            if (!readPlain(in, body, length) || line(in) == null) {
                return false;
            }
        }
    }

    /** One CRLF-ended line of at most {@link #MAX_CHUNK_LINE} bytes, or null at the end or when too long. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.length() >= MAX_CHUNK_LINE) {
                return null;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static TrackerFailure.Malformed malformed(String detail) {
        return new TrackerFailure.Malformed(detail, 1);
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing only ends the exchange; there is nothing left to report.
            }
        }
    }
}
