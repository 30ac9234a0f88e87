package dev.peerscout.adapters.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;

/**
 * A scriptable HTTP(S) server on 127.0.0.1 and a free port, for one test class. Each test routes
 * its own path to a handler and can read back what requests reached that path.
 */
final class LoopbackHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-http-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final Map<String, List<Request>> seen = new ConcurrentHashMap<>();
    private final String scheme;

    /** What reached a path: its raw (still percent-encoded) query and its headers. */
    record Request(String rawQuery, Headers headers) {}

    private LoopbackHttpServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::dispatch);
        server.setExecutor(threads);
        server.start();
    }

    static LoopbackHttpServer http() throws IOException {
        return new LoopbackHttpServer(HttpServer.create(loopback(), 50), "http");
    }

    static LoopbackHttpServer https(SSLContext tls) throws IOException {
        return https(tls, new CopyOnWriteArrayList<>());
    }

    /** An https server that adds the host name of each client's SNI to {@code serverNames}. */
    static LoopbackHttpServer https(SSLContext tls, List<String> serverNames) throws IOException {
        HttpsServer server = HttpsServer.create(loopback(), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNames.add(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                parameters.setSSLParameters(ssl);
            }
        });
        return new LoopbackHttpServer(server, "https");
    }

    String url(String pathAndQuery) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void on(String path, HttpHandler handler) {
        routes.put(path, handler);
    }

    List<Request> requests(String path) {
        return List.copyOf(seen.getOrDefault(path, List.of()));
    }

    static void reply(HttpExchange exchange, int status, byte[] body, String... headerPairs) throws IOException {
        for (int i = 0; i < headerPairs.length; i += 2) {
            exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        seen.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                .add(new Request(exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()));
        HttpHandler handler = routes.get(path);
        try {
            if (handler == null) {
                reply(exchange, 404, "no route".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                handler.handle(exchange);
            }
        } finally {
            exchange.close();
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
