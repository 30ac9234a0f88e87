package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.testing.TrackerClientContract;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP tracker on 127.0.0.1 that reads requests and never answers one, counting the request lines
 * that reached it.
 */
final class UnansweringHttpTracker implements TrackerClientContract.UnansweringTracker, AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();

    UnansweringHttpTracker() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "silent-http-tracker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public TrackerUrl url() {
        return TrackerUrl.of("http://127.0.0.1:" + server.getLocalPort() + "/announce");
    }

    @Override
    public int requestsReceived() {
        return requests.get();
    }

    /** Stops listening; connections end when the client gives up on them. */
    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (true) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread reader = new Thread(() -> read(connection), "silent-http-connection");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Counts each request line ("GET "), never writes a byte back. */
    private void read(Socket connection) {
        try (connection;
                InputStream in = connection.getInputStream()) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    if (line.toString().startsWith("GET ")) {
                        requests.incrementAndGet();
                    }
                    line.setLength(0);
                } else if (line.length() < 16) {
                    line.append((char) b);
                }
            }
        } catch (IOException gone) {
            // The client gave up: nothing to count.
        }
    }
}
