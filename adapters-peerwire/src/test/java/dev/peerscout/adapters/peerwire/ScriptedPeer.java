package dev.peerscout.adapters.peerwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * An in-test peer on 127.0.0.1 that misbehaves on purpose: each accepted connection runs the
 * script the test gives it on its own thread. One per test class; scripts change per test.
 */
final class ScriptedPeer implements AutoCloseable {
    interface Script {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private volatile Script script = socket -> {};
    /** What the last script ended with: null, or what it threw (a reset when we closed, say). */
    volatile CompletableFuture<Throwable> ended = new CompletableFuture<>();

    ScriptedPeer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "scripted-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void play(Script next) {
        ended = new CompletableFuture<>();
        script = next;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Script current = script;
                CompletableFuture<Throwable> done = ended;
                Thread t = new Thread(
                        () -> {
                            try (socket) {
                                current.run(socket);
                                done.complete(null);
                            } catch (Throwable e) {
                                done.complete(e);
                            }
                        },
                        "scripted-peer-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads our 68-byte handshake. */
    static byte[] readHandshake(Socket socket) throws IOException {
        byte[] handshake = new byte[68];
        new DataInputStream(socket.getInputStream()).readFully(handshake);
        return handshake;
    }

    /** Reads one length-prefixed message (at most 1 MiB), or null at the end of the stream. */
    static byte[] readMessage(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length;
        try {
            length = data.readInt();
        } catch (java.io.EOFException e) {
            return null;
        }
        if (length < 0 || length > (1 << 20)) {
            throw new IOException("length " + length);
        }
        byte[] body = new byte[length];
        data.readFully(body);
        return body;
    }

    /** Everything until the peer closes (bounded by the socket's timeout). */
    static byte[] readRest(Socket socket) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
