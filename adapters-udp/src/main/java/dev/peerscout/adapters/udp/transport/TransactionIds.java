package dev.peerscout.adapters.udp.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

/**
 * Transaction ids from the client's (secure) random source, drawn {@value #BATCH} at a time: one
 * call into the generator, which for {@code NativePRNG} means a lock, a read of the OS's pool and a
 * SHA-1 mix, per {@value #BATCH} requests instead of per request. Each id is still used once.
 */
final class TransactionIds implements IntSupplier {
    private static final int BATCH = 64;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final RandomGenerator random;
    private final byte[] pool = new byte[BATCH * Integer.BYTES];
    private int next = BATCH;

    TransactionIds(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public synchronized int getAsInt() {
        if (next == BATCH) {
            random.nextBytes(pool);
            next = 0;
        }
        return (int) INT.get(pool, Integer.BYTES * next++);
    }
}
