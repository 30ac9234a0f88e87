package dev.peerscout.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A swarm on 127.0.0.1 for the start-up cache's training runs, so that the paths a real run takes
 * after its first answer (an HTTP and a UDP tracker's reply, a peer's handshakes, a BEP 9 fetch)
 * are trained, not only the failures of ports nobody listens on: an HTTP tracker and a UDP tracker
 * that list one peer, and that peer, which hands out one info dictionary (BEP 9) and nothing else.
 * Deliberately minimal and trusting: it serves our own client for a few seconds, never a user.
 */
final class TrainingSwarm implements AutoCloseable {
    private static final int EXTENDED = 20;
    /** The id under which this peer takes {@code ut_metadata} requests (BEP 10 {@code m}). */
    private static final int OUR_UT_METADATA = 3;

    private static final int SO_TIMEOUT_MILLIS = 5_000;

    private final byte[] info;
    private final byte[] infoHash;
    private final ServerSocket http;
    private final DatagramSocket udp;
    private final ServerSocket peer;
    private final AtomicLong connectionIds = new AtomicLong(0x5eed_0000_0000L);

    /** {@code info}: a bencoded info dictionary, handed out as the swarm's metadata. */
    TrainingSwarm(byte[] info) throws IOException {
        this.info = info.clone();
        this.infoHash = sha1(info);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        this.http = new ServerSocket(0, 50, loopback);
        this.udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.peer = new ServerSocket(0, 50, loopback);
        daemon("http-tracker", () -> accept(http, this::answerHttp));
        daemon("udp-tracker", this::answerUdp);
        daemon("peer", () -> accept(peer, this::serveMetadata));
    }

    String infoHashHex() {
        return HexFormat.of().formatHex(infoHash);
    }

    String httpTracker() {
        return "http://127.0.0.1:" + http.getLocalPort() + "/announce";
    }

    String udpTracker() {
        return "udp://127.0.0.1:" + udp.getLocalPort() + "/announce";
    }

    /** A magnet link of this swarm's info hash with both trackers. */
    String magnet() {
        return "magnet:?xt=urn:btih:" + infoHashHex() + "&dn=training&tr="
                + httpTracker().replace(":", "%3A").replace("/", "%2F") + "&tr="
                + udpTracker().replace(":", "%3A").replace("/", "%2F");
    }

    @Override
    public void close() {
        try {
            http.close();
            peer.close();
        } catch (IOException e) {
            // Closing a listening socket of a run that is over: nothing to report.
        }
        udp.close();
    }

    private interface Connection {
        void serve(Socket socket) throws IOException;
    }

    private static void accept(ServerSocket server, Connection connection) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                daemon("connection", () -> {
                    try (socket) {
                        socket.setSoTimeout(SO_TIMEOUT_MILLIS);
                        connection.serve(socket);
                    } catch (IOException e) {
                        // The client hung up: the run goes on without this connection.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answerHttp(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n") && head.length() < 16_384) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head.toString().startsWith("GET /scrape")) {
            write(body, "d5:filesd20:");
            body.write(infoHash);
            write(body, "d8:completei1e10:downloadedi0e10:incompletei0eeee");
        } else {
            write(body, "d8:intervali1800e8:completei1e10:incompletei0e5:peers6:");
            body.write(compactPeer());
            write(body, "e");
        }
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.size() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        body.writeTo(out);
        out.flush();
    }

    /** BEP 15: connect, announce (this swarm's one peer) and scrape, each answered at once. */
    private void answerUdp() {
        byte[] buffer = new byte[2048];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                return;
            }
            if (packet.getLength() < 16) {
                continue;
            }
            ByteBuffer request = ByteBuffer.wrap(buffer, 0, packet.getLength());
            request.getLong(); // the connection id: any is taken
            int action = request.getInt();
            int transaction = request.getInt();
            ByteBuffer reply = ByteBuffer.allocate(1024).putInt(action).putInt(transaction);
            if (action == 0) {
                reply.putLong(connectionIds.incrementAndGet());
            } else if (action == 1) {
                reply.putInt(1800).putInt(0).putInt(1).put(compactPeer());
            } else if (action == 2) {
                for (int i = 16; i + 20 <= packet.getLength(); i += 20) {
                    reply.putInt(1).putInt(0).putInt(0);
                }
            } else {
                continue;
            }
            try {
                udp.send(new DatagramPacket(reply.array(), reply.position(), packet.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** BEP 3 and 10 handshakes, then every {@code ut_metadata} request answered with its piece (BEP 9). */
    private void serveMetadata(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        byte[] handshake = new byte[68];
        in.readFully(handshake);
        handshake[25] |= 0x10;
        System.arraycopy("-TR3000-training0000".getBytes(StandardCharsets.ISO_8859_1), 0, handshake, 48, 20);
        out.write(handshake);
        extended(out, 0, bytes("d1:md11:ut_metadatai" + OUR_UT_METADATA + "ee13:metadata_sizei" + info.length + "ee"));
        int theirUtMetadata = -1;
        while (true) {
            int length = in.readInt();
            if (length < 0 || length > 1 << 20) {
                return;
            }
            byte[] message = new byte[length];
            in.readFully(message);
            if (length < 2 || message[0] != EXTENDED) {
                continue;
            }
            String payload = new String(message, 2, length - 2, StandardCharsets.ISO_8859_1);
            if (message[1] == 0) {
                theirUtMetadata = integerAfter(payload, "11:ut_metadatai");
            } else if (message[1] == OUR_UT_METADATA && theirUtMetadata > 0 && payload.contains("8:msg_typei0e")) {
                int piece = integerAfter(payload, "5:piecei");
                int from = piece * 16_384;
                if (piece < 0 || from >= info.length) {
                    continue;
                }
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                write(data, "d8:msg_typei1e5:piecei" + piece + "e10:total_sizei" + info.length + "ee");
                data.write(info, from, Math.min(16_384, info.length - from));
                extended(out, theirUtMetadata, data.toByteArray());
            }
        }
    }

    private static void extended(OutputStream out, int id, byte[] payload) throws IOException {
        out.write(ByteBuffer.allocate(6 + payload.length)
                .putInt(2 + payload.length)
                .put((byte) EXTENDED)
                .put((byte) id)
                .put(payload)
                .array());
        out.flush();
    }

    private byte[] compactPeer() {
        return ByteBuffer.allocate(6)
                .put(new byte[] {127, 0, 0, 1})
                .putShort((short) peer.getLocalPort())
                .array();
    }

    private static int integerAfter(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int end = text.indexOf('e', at + key.length());
        try {
            return end < 0 ? -1 : Integer.parseInt(text.substring(at + key.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, "training-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
