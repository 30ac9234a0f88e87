package dev.peerscout.adapters.peerwire.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One TCP connection of {@link Connections} and its buffers: a read buffer that grows only to what
 * the conversation says its next unit needs, and a queue of bytes to send. Used on the selector
 * thread alone.
 */
final class Connection implements Conversation.Wire {
    final SocketChannel channel;
    final Conversation conversation;
    private final Consumer<Connection> onRelease;
    SelectionKey key;
    ByteBuffer in = ByteBuffer.allocate(Connections.INITIAL_BUFFER);
    final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    boolean ended;

    Connection(SocketChannel channel, Conversation conversation, Consumer<Connection> onRelease) {
        this.channel = channel;
        this.conversation = conversation;
        this.onRelease = onRelease;
    }

    boolean isOpen() {
        return !ended;
    }

    void ready(SelectionKey key) {
        if (ended) {
            return;
        }
        if (key.isConnectable()) {
            try {
                channel.finishConnect();
            } catch (IOException e) {
                fail(e);
                return;
            }
            key.interestOps(SelectionKey.OP_READ | (out.isEmpty() ? 0 : SelectionKey.OP_WRITE));
            conversation.connected(this, System.nanoTime());
            return;
        }
        if (key.isWritable()) {
            flush();
        }
        if (!ended && key.isReadable()) {
            read();
        }
    }

    private void read() {
        int wanted = conversation.bytesWanted();
        if (wanted > in.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(wanted);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            fail(e, in.position() > 0);
            return;
        }
        if (n < 0) {
            ended = true;
            boolean midUnit = in.position() > 0;
            release();
            conversation.ended(this, null, midUnit, System.nanoTime());
            return;
        }
        in.flip();
        conversation.received(this, in, System.nanoTime());
        if (ended) {
            return;
        }
        in.compact();
        // A large message has been handled: give its buffer back.
        if (in.position() == 0 && in.capacity() > Connections.INITIAL_BUFFER) {
            in = ByteBuffer.allocate(Connections.INITIAL_BUFFER);
        }
    }

    private void flush() {
        try {
            while (!out.isEmpty()) {
                ByteBuffer head = out.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    break;
                }
                out.poll();
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (!ended && key != null && key.isValid()) {
            key.interestOps(SelectionKey.OP_READ | (out.isEmpty() ? 0 : SelectionKey.OP_WRITE));
        }
    }

    @Override
    public void send(byte[] bytes) {
        if (ended) {
            return;
        }
        out.add(ByteBuffer.wrap(bytes));
        if (key != null && key.isValid() && channel.isConnected()) {
            flush();
        }
    }

    /** Our side ends it: queued bytes get one last chance, then a FIN. */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        if (channel.isConnected()) {
            flush();
        }
        ended = true;
        try {
            if (channel.isConnected()) {
                channel.shutdownOutput();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        release();
    }

    void fail(IOException failure) {
        fail(failure, false);
    }

    void fail(IOException failure, boolean midUnit) {
        if (ended) {
            return;
        }
        ended = true;
        release();
        conversation.ended(this, failure, midUnit, System.nanoTime());
    }

    private void release() {
        onRelease.accept(this);
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        in = ByteBuffer.allocate(0);
        out.clear();
    }
}
