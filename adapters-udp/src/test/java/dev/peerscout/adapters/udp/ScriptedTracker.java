package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.adapters.udp.protocol.AnnounceReply;
import dev.peerscout.adapters.udp.protocol.ConnectReply;
import dev.peerscout.adapters.udp.protocol.ConnectRequest;
import dev.peerscout.adapters.udp.protocol.ScrapeReply;
import dev.peerscout.adapters.udp.protocol.ScrapeRequest;
import dev.peerscout.adapters.udp.protocol.UdpAnnounceRequest;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.time.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A UDP tracker on loopback that does what a test tells it, misbehaviour included. It records
 * every datagram it receives (with the fake clock's time), and answers through a {@link Script}.
 */
final class ScriptedTracker implements AutoCloseable {
    static final long CONNECTION_ID = 0x600D_1D_0000_0001L;

    /** A datagram the tracker received, in order. */
    record Received(int index, byte[] bytes, SocketAddress from, Instant at) {
        int action() {
            return bytes.length >= 12 ? ByteBuffer.wrap(bytes).getInt(8) : -1;
        }

        int transactionId() {
            return ByteBuffer.wrap(bytes).getInt(12);
        }

        long connectionId() {
            return ByteBuffer.wrap(bytes).getLong(0);
        }

        boolean isConnect() {
            return bytes.length >= 16
                    && ByteBuffer.wrap(bytes).getLong(0) == ConnectRequest.PROTOCOL_ID
                    && action() == Action.CONNECT.code();
        }

        boolean isAnnounce() {
            return !isConnect() && action() == Action.ANNOUNCE.code();
        }

        boolean isScrape() {
            return !isConnect() && action() == Action.SCRAPE.code();
        }

        UdpAnnounceRequest announce() {
            return UdpAnnounceRequest.decode(ByteBuffer.wrap(bytes)).get();
        }

        ScrapeRequest scrape() {
            return ScrapeRequest.decode(ByteBuffer.wrap(bytes)).get();
        }

        String kind() {
            return isConnect() ? "connect" : isAnnounce() ? "announce" : isScrape() ? "scrape" : "other";
        }
    }

    /** Decides the datagrams sent back for each one received (possibly none). */
    @FunctionalInterface
    interface Script {
        List<byte[]> answer(Received request, ScriptedTracker tracker);
    }

    private final DatagramSocket socket;
    private final Scheduler clock;
    private final Thread thread;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Script script;

    private ScriptedTracker(DatagramSocket socket, Scheduler clock, Script script) {
        this.socket = socket;
        this.clock = clock;
        this.script = script;
        this.thread = new Thread(this::serve, "scripted-tracker-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    static ScriptedTracker onIpv4(Scheduler clock, Script script) {
        return on(InetAddress.getLoopbackAddress(), 0, clock, script);
    }

    static ScriptedTracker onIpv6(Scheduler clock, Script script) throws IOException {
        return on(InetAddress.getByName("::1"), 0, clock, script);
    }

    static ScriptedTracker on(InetAddress address, int port, Scheduler clock, Script script) {
        try {
            return new ScriptedTracker(new DatagramSocket(new InetSocketAddress(address, port)), clock, script);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tracker that answers everything correctly with these peers and zero scrape counts. */
    static Script healthy(List<Peer> peers) {
        return (request, tracker) -> List.of(tracker.correctAnswer(request, peers));
    }

    static Script silent() {
        return (request, tracker) -> List.of();
    }

    void script(Script next) {
        this.script = next;
    }

    int port() {
        return socket.getLocalPort();
    }

    InetAddress address() {
        return socket.getLocalAddress();
    }

    AddressFamily family() {
        return socket.getLocalAddress() instanceof Inet6Address ? AddressFamily.IPV6 : AddressFamily.IPV4;
    }

    String url(String pathAndQuery) {
        String host = family() == AddressFamily.IPV6
                ? "[" + address().getHostAddress() + "]"
                : address().getHostAddress();
        return "udp://" + host + ":" + port() + pathAndQuery;
    }

    String url() {
        return url("/announce");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits (on real I/O, bounded) until {@code count} datagrams have arrived, and returns them all. */
    List<Received> awaitReceived(int count) {
        return awaitReceived(count, r -> true);
    }

    List<Received> awaitReceived(int count, Predicate<Received> matching) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (received.stream().filter(matching).count() < count) {
            if (System.nanoTime() > until) {
                throw new AssertionError("tracker received " + kinds() + ", waited for " + count);
            }
            LockSupport.parkNanos(100_000);
        }
        return received();
    }

    String kinds() {
        return received.stream().map(Received::kind).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Seconds on the fake clock between {@code start} and each datagram's arrival. */
    List<Long> secondsSince(Instant start) {
        return received.stream()
                .map(r -> Duration.between(start, r.at()).toSeconds())
                .toList();
    }

    /** What a well-behaved tracker would reply to {@code request}. */
    byte[] correctAnswer(Received request, List<Peer> peers) {
        if (request.isConnect()) {
            return new ConnectReply(request.transactionId(), CONNECTION_ID).toBytes();
        }
        if (request.isAnnounce()) {
            return new AnnounceReply(request.transactionId(), 1800, 2, 1, peers).toBytes(family());
        }
        ScrapeRequest scrape = request.scrape();
        List<ScrapeStats> stats = Collections.nCopies(scrape.infoHashes().size(), new ScrapeStats(1, 2, 3));
        return new ScrapeReply(request.transactionId(), stats).toBytes();
    }

    void send(byte[] datagram, SocketAddress to) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        byte[] buffer = new byte[64 * 1024];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            Received request = new Received(
                    received.size(), Arrays.copyOf(buffer, packet.getLength()), packet.getSocketAddress(), clock.now());
            received.add(request);
            try {
                for (byte[] reply : script.answer(request, this)) {
                    send(reply, packet.getSocketAddress());
                }
            } catch (UncheckedIOException e) {
                if (socket.isClosed()) {
                    return;
                }
                throw e;
            }
        }
    }
}
