package dev.peerscout.cli.ends;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A UDP (BEP 15) and an HTTP tracker on 127.0.0.1 that log every announce by swarm and answer
 * each with one peer of their own (the UDP one answers scrapes too: one seeder per swarm), plus a
 * UDP socket that never answers. Edge cases are set per
 * swarm: the HTTP tracker can hold back its answer to {@code started} or to {@code stopped}
 * (the request stays open, unanswered, until {@link #close()}).
 */
final class LoggingTrackers implements AutoCloseable {
    static final String UDP_PEER = "10.1.2.3:6881";
    static final String HTTP_PEER = "10.1.2.4:6881";

    private final DatagramSocket udp;
    private final DatagramSocket silent;
    private final HttpServer http;
    private final Thread udpThread;
    private final Map<String, List<String>> udpLog = new ConcurrentHashMap<>();
    private final Map<String, List<String>> httpLog = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> scrapes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> heard = new ConcurrentHashMap<>();
    private final Set<String> holdStarted = ConcurrentHashMap.newKeySet();
    private final Set<String> holdStopped = ConcurrentHashMap.newKeySet();
    private final Set<String> udpHoldStarted = ConcurrentHashMap.newKeySet();
    /** HTTP answers that wait until the UDP tracker has logged the same swarm's announce, by swarm. */
    private final Map<String, CompletableFuture<Void>> httpAfterUdp = new ConcurrentHashMap<>();

    private final List<HttpExchange> held = new CopyOnWriteArrayList<>();
    /** UDP answers that wait until the HTTP tracker has heard of the same swarm, by swarm. */
    private final Map<String, List<DatagramPacket>> udpAfterHttp = new ConcurrentHashMap<>();

    LoggingTrackers() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
        silent = new DatagramSocket(new InetSocketAddress(loopback, 0));
        udpThread = new Thread(this::serveUdp, "logging-udp-tracker");
        udpThread.setDaemon(true);
        udpThread.start();
        http = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        http.createContext("/announce", this::serveHttp);
        http.start();
    }

    String udpUrl() {
        return "udp://127.0.0.1:" + udp.getLocalPort() + "/announce";
    }

    String httpUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/announce";
    }

    String silentUrl() {
        return "udp://127.0.0.1:" + silent.getLocalPort() + "/announce";
    }

    /** A magnet link for {@code hashHex} naming these trackers. */
    static String magnet(String hashHex, String... trackers) {
        StringBuilder link = new StringBuilder("magnet:?xt=urn:btih:").append(hashHex);
        for (String tracker : trackers) {
            link.append("&tr=").append(URLEncoder.encode(tracker, StandardCharsets.UTF_8));
        }
        return link.toString();
    }

    /** The events announced to the UDP tracker for this swarm, in order: started, stopped... */
    List<String> udpEvents(String hashHex) {
        return List.copyOf(udpLog.getOrDefault(hashHex, List.of()));
    }

    List<String> httpEvents(String hashHex) {
        return List.copyOf(httpLog.getOrDefault(hashHex, List.of()));
    }

    /** The HTTP tracker logs a {@code started} for this swarm but never answers it. */
    void holdStarted(String hashHex) {
        holdStarted.add(hashHex);
    }

    /**
     * The UDP tracker answers {@code started} for this swarm only once the HTTP tracker has heard
     * of it: the HTTP tracker surely has our {@code started} when the UDP peer arrives.
     */
    void udpAnswersAfterHttp(String hashHex) {
        udpAfterHttp.put(hashHex, new CopyOnWriteArrayList<>());
    }

    /** Completes when the UDP tracker has been asked to scrape this swarm. */
    CompletableFuture<Void> scraped(String hashHex) {
        return scrapes.computeIfAbsent(hashHex, h -> new CompletableFuture<>());
    }

    /**
     * The UDP tracker answers the connect, then logs a {@code started} for this swarm but never
     * answers it (a stopped still is): the client has sent exactly one connect and one announce.
     */
    void udpHoldsStarted(String hashHex) {
        udpHoldStarted.add(hashHex);
    }

    /** The HTTP tracker answers this swarm only once the UDP tracker has logged an announce of it (within 10 s). */
    void httpAnswersAfterUdp(String hashHex) {
        httpAfterUdp.put(hashHex, new CompletableFuture<>());
    }

    /** The HTTP tracker logs a {@code stopped} for this swarm but never answers it. */
    void holdStopped(String hashHex) {
        holdStopped.add(hashHex);
    }

    private void serveUdp() {
        byte[] buffer = new byte[2048];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                continue;
            }
            ByteBuffer in = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
            ByteBuffer out;
            if (packet.getLength() >= 16 && in.getInt(8) == 0) {
                out = ByteBuffer.allocate(16).putInt(0).putInt(in.getInt(12)).putLong(0x5EED_0000_0000_0001L);
            } else if (packet.getLength() >= 98 && in.getInt(8) == 1) {
                byte[] hash = new byte[20];
                in.get(16, hash);
                String hex = HexFormat.of().formatHex(hash);
                log(
                        udpLog,
                        hex,
                        switch (in.getInt(80)) {
                            case 2 -> "started";
                            case 3 -> "stopped";
                            case 1 -> "completed";
                            default -> "none";
                        });
                httpAfterUdp.getOrDefault(hex, new CompletableFuture<>()).complete(null);
                if (in.getInt(80) == 2 && udpHoldStarted.contains(hex)) {
                    continue;
                }
                out = ByteBuffer.allocate(26)
                        .putInt(1)
                        .putInt(in.getInt(12))
                        .putInt(1800)
                        .putInt(1)
                        .putInt(0)
                        .put(new byte[] {10, 1, 2, 3})
                        .putShort((short) 6881);
            } else if (packet.getLength() >= 36 && in.getInt(8) == 2) {
                int hashes = (packet.getLength() - 16) / 20;
                for (int i = 0; i < hashes; i++) {
                    byte[] hash = new byte[20];
                    in.get(16 + 20 * i, hash);
                    scraped(HexFormat.of().formatHex(hash)).complete(null);
                }
                out = ByteBuffer.allocate(8 + 12 * hashes).putInt(2).putInt(in.getInt(12));
                for (int i = 0; i < hashes; i++) {
                    out.putInt(1).putInt(0).putInt(0);
                }
            } else {
                continue;
            }
            DatagramPacket answer = new DatagramPacket(out.array(), out.position(), packet.getSocketAddress());
            if (in.getInt(8) == 1) {
                byte[] hash = new byte[20];
                in.get(16, hash);
                String hex = HexFormat.of().formatHex(hash);
                List<DatagramPacket> waiting = udpAfterHttp.get(hex);
                synchronized (udpAfterHttp) {
                    if (waiting != null && !httpLog.containsKey(hex)) {
                        waiting.add(answer);
                        continue;
                    }
                }
            }
            send(answer);
        }
    }

    private void send(DatagramPacket answer) {
        try {
            udp.send(answer);
        } catch (IOException e) {
            // The client is gone; nothing to do.
        }
    }

    private void serveHttp(HttpExchange exchange) throws IOException {
        String hash = null;
        String event = "none";
        for (String parameter : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] pair = parameter.split("=", 2);
            if (pair[0].equals("info_hash")) {
                hash = HexFormat.of()
                        .formatHex(URLDecoder.decode(pair[1], StandardCharsets.ISO_8859_1)
                                .getBytes(StandardCharsets.ISO_8859_1));
            } else if (pair[0].equals("event")) {
                event = pair[1];
            }
        }
        synchronized (udpAfterHttp) {
            log(httpLog, hash, event);
        }
        CompletableFuture<Void> udpHeard = httpAfterUdp.get(hash);
        if (udpHeard != null) {
            try {
                udpHeard.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                // Answer anyway: the test's assertions say what went wrong.
            }
        }
        List<DatagramPacket> waiting = udpAfterHttp.get(hash);
        if (waiting != null) {
            waiting.forEach(this::send);
            waiting.clear();
        }
        if ((event.equals("started") && holdStarted.contains(hash))
                || (event.equals("stopped") && holdStopped.contains(hash))) {
            held.add(exchange);
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("d8:intervali1800e5:peers6:".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {10, 1, 2, 4, 0x1a, (byte) 0xe1});
        body.writeBytes("e".getBytes(StandardCharsets.US_ASCII));
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    private void log(Map<String, List<String>> log, String hash, String event) {
        log.computeIfAbsent(String.valueOf(hash), h -> new CopyOnWriteArrayList<>())
                .add(event);
        heard(log == httpLog ? "http" : "udp", String.valueOf(hash), event).complete(null);
    }

    /** Completes when the {@code http} or {@code udp} tracker has logged this event for this swarm. */
    CompletableFuture<Void> heard(String tracker, String hashHex, String event) {
        return heard.computeIfAbsent(tracker + " " + hashHex + " " + event, k -> new CompletableFuture<>());
    }

    @Override
    public void close() {
        held.forEach(HttpExchange::close);
        http.stop(0);
        udp.close();
        silent.close();
    }
}
