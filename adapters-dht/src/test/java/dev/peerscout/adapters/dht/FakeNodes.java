package dev.peerscout.adapters.dht;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.Krpc;
import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.adapters.dht.krpc.TransactionId;
import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BencodeDecoder;
import dev.peerscout.bencode.BencodeException;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Scripted DHT nodes on the loopback (127.0.0.1 or ::1, free ports), served by one thread. Each
 * node decodes the queries it gets, records them, and lets its {@link Behaviour} decide what (if
 * anything) to send back, from which socket and to where: the hostile cases are scripted here.
 */
final class FakeNodes implements AutoCloseable {
    private static final InetAddress IPV4_LOOPBACK = literal("127.0.0.1");
    private static final InetAddress IPV6_LOOPBACK = literal("::1");
    private static final BencodeDecoder QUERIES =
            new BencodeDecoder(Krpc.MAX_DEPTH, Krpc.MAX_MESSAGE, Krpc.MAX_MESSAGE);

    /** What a node does with a query. */
    @FunctionalInterface
    interface Behaviour {
        void onQuery(FakeNode node, ReceivedQuery query) throws IOException;
    }

    /** A query a fake node got. */
    record ReceivedQuery(TransactionId transaction, String method, BDict message, InetSocketAddress from) {

        BDict arguments() {
            return message.dict("a").orElse(BDict.builder().build());
        }

        /** {@code info_hash} of a get_peers, {@code target} of a find_node. */
        NodeId target() {
            BDict a = arguments();
            return NodeId.of(
                    a.bytes("info_hash").or(() -> a.bytes("target")).get().toBytes());
        }

        NodeId sender() {
            return NodeId.of(arguments().bytes("id").get().toBytes());
        }

        boolean readOnly() {
            return message.integer("ro").filter(ro -> ro == 1L).isPresent();
        }
    }

    final class FakeNode {
        final NodeId id;
        final DatagramChannel channel;
        final List<ReceivedQuery> received = new CopyOnWriteArrayList<>();
        volatile Behaviour behaviour;

        private FakeNode(NodeId id, DatagramChannel channel, Behaviour behaviour) {
            this.id = id;
            this.channel = channel;
            this.behaviour = behaviour;
        }

        InetSocketAddress address() {
            try {
                return (InetSocketAddress) channel.getLocalAddress();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        NodeContact contact() {
            return new NodeContact(id, address());
        }

        int port() {
            return address().getPort();
        }

        void answer(ReceivedQuery query, Answer answer) throws IOException {
            send(Krpc.response(query.transaction(), answer), query.from());
        }

        void send(byte[] datagram, InetSocketAddress to) throws IOException {
            channel.send(ByteBuffer.wrap(datagram), to);
        }
    }

    private final Selector selector;
    private final Thread thread;
    private final List<FakeNode> nodes = new CopyOnWriteArrayList<>();
    private final Random random = new Random(7);

    FakeNodes() throws IOException {
        selector = Selector.open();
        thread = new Thread(this::serve, "fake-dht-nodes");
        thread.setDaemon(true);
        thread.start();
    }

    FakeNode start(Behaviour behaviour) throws IOException {
        return start(randomId(), behaviour);
    }

    FakeNode start(NodeId id, Behaviour behaviour) throws IOException {
        return open(id, IPV4_LOOPBACK, behaviour);
    }

    FakeNode startIpv6(NodeId id, Behaviour behaviour) throws IOException {
        return open(id, IPV6_LOOPBACK, behaviour);
    }

    synchronized NodeId randomId() {
        byte[] id = new byte[NodeId.LENGTH];
        random.nextBytes(id);
        return NodeId.of(id);
    }

    // ---- behaviours ----

    static Behaviour silent() {
        return (node, query) -> {};
    }

    /** Answers every query with the given nodes and peers, and a token. */
    static Behaviour answering(List<NodeContact> nodes, List<Peer> peers) {
        return (node, query) ->
                node.answer(query, new Answer(node.id, nodes, peers, Option.some(BBytes.ascii("tok" + node.port()))));
    }

    static Behaviour raw(Function<ReceivedQuery, byte[]> reply) {
        return (node, query) -> node.send(reply.apply(query), query.from());
    }

    /** An {@code r} dictionary with our id and any extra fields, for hand-made (hostile) answers. */
    static byte[] response(TransactionId transaction, NodeId id, Object... fields) {
        BDict.Builder all = BDict.builder().put("id", BBytes.of(id.toBytes()));
        for (int i = 0; i < fields.length; i += 2) {
            all.put((String) fields[i], (BValue) fields[i + 1]);
        }
        return Krpc.response(transaction, all.build());
    }

    static BValue bytes(byte[] raw) {
        return BBytes.of(raw);
    }

    int queriesReceived() {
        return nodes.stream().mapToInt(node -> node.received.size()).sum();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing to undo
        }
        for (FakeNode node : nodes) {
            try {
                node.channel.close();
            } catch (IOException e) {
                // nothing to undo
            }
        }
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FakeNode open(NodeId id, InetAddress loopback, Behaviour behaviour) throws IOException {
        DatagramChannel channel = DatagramChannel.open(
                loopback instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        channel.bind(new InetSocketAddress(loopback, 0));
        FakeNode node = new FakeNode(id, channel, behaviour);
        nodes.add(node);
        channel.register(selector, SelectionKey.OP_READ, node);
        selector.wakeup();
        return node;
    }

    private void serve() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid()) {
                        receive((FakeNode) key.attachment(), buffer);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed
        }
    }

    private void receive(FakeNode node, ByteBuffer buffer) {
        while (true) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) node.channel.receive(buffer);
            } catch (IOException e) {
                return;
            }
            if (from == null) {
                return;
            }
            BValue decoded;
            try {
                decoded = QUERIES.decode(buffer.array(), 0, buffer.position())
                        .root()
                        .toValue();
            } catch (BencodeException e) {
                continue;
            }
            if (!(decoded instanceof BDict message)) {
                continue;
            }
            ReceivedQuery query = new ReceivedQuery(
                    TransactionId.of(message.bytes("t").get().toBytes()),
                    message.bytes("q").map(BBytes::text).orElse(""),
                    message,
                    from);
            node.received.add(query);
            try {
                node.behaviour.onQuery(node, query);
            } catch (IOException | RuntimeException e) {
                // A behaviour that fails to send is a silent node.
            }
        }
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
