package dev.peerscout.domain.model.scrape;

import dev.peerscout.domain.model.InfoHash;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Counts per swarm, immutable, iterated in the order the swarms were added. A scrape of 100,000
 * swarms answers with one of these: the swarms ({@link SwarmIndex}) and their counts sit in two
 * arrays, so building it costs one probe per swarm and no entry objects, and
 * {@link ScrapeResponse} keeps it without copying.
 *
 * <p>Like {@link Map#copyOf}: no null keys or values, {@code get(null)} and
 * {@code containsKey(null)} throw {@link NullPointerException}, and every mutator throws
 * {@link UnsupportedOperationException}.
 */
public final class ScrapeStatsMap extends AbstractMap<InfoHash, ScrapeStats> {
    private static final ScrapeStatsMap EMPTY = new ScrapeStatsMap(new SwarmIndex(1), new ScrapeStats[0]);

    private final SwarmIndex swarms;
    private final ScrapeStats[] stats;
    private final int size;
    private Set<Map.Entry<InfoHash, ScrapeStats>> entrySet;

    private ScrapeStatsMap(SwarmIndex swarms, ScrapeStats[] stats) {
        this.swarms = swarms;
        this.stats = stats;
        this.size = swarms.size();
    }

    /** An immutable copy of {@code map}, in its iteration order; {@code map} itself if it is one already. */
    public static ScrapeStatsMap copyOf(Map<InfoHash, ScrapeStats> map) {
        if (map instanceof ScrapeStatsMap same) {
            return same;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        Builder builder = new Builder(map.size());
        map.forEach((swarm, counts) -> {
            if (!builder.add(swarm)) {
                throw new IllegalArgumentException("duplicate swarm " + swarm);
            }
            builder.set(builder.size() - 1, counts);
        });
        return builder.build();
    }

    /** A builder for about {@code expectedSwarms} swarms (it grows past that). */
    public static Builder builder(int expectedSwarms) {
        return new Builder(expectedSwarms);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public ScrapeStats get(Object key) {
        int position = swarms.position(Objects.requireNonNull(key));
        return position < 0 ? null : stats[position];
    }

    @Override
    public boolean containsKey(Object key) {
        return swarms.position(Objects.requireNonNull(key)) >= 0;
    }

    @Override
    public ScrapeStats getOrDefault(Object key, ScrapeStats fallback) {
        ScrapeStats found = get(key);
        return found != null ? found : fallback;
    }

    @Override
    public void forEach(BiConsumer<? super InfoHash, ? super ScrapeStats> action) {
        Objects.requireNonNull(action);
        for (int i = 0; i < size; i++) {
            action.accept(swarms.swarm(i), stats[i]);
        }
    }

    @Override
    public Set<Map.Entry<InfoHash, ScrapeStats>> entrySet() {
        Set<Map.Entry<InfoHash, ScrapeStats>> entries = entrySet;
        if (entries == null) {
            entries = new Entries();
            entrySet = entries;
        }
        return entries;
    }

    @Override
    public ScrapeStats put(InfoHash key, ScrapeStats value) {
        throw immutable();
    }

    @Override
    public ScrapeStats remove(Object key) {
        throw immutable();
    }

    @Override
    public void putAll(Map<? extends InfoHash, ? extends ScrapeStats> map) {
        throw immutable();
    }

    @Override
    public void clear() {
        throw immutable();
    }

    @Override
    public void replaceAll(BiFunction<? super InfoHash, ? super ScrapeStats, ? extends ScrapeStats> function) {
        throw immutable();
    }

    @Override
    public ScrapeStats putIfAbsent(InfoHash key, ScrapeStats value) {
        throw immutable();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw immutable();
    }

    @Override
    public boolean replace(InfoHash key, ScrapeStats oldValue, ScrapeStats newValue) {
        throw immutable();
    }

    @Override
    public ScrapeStats replace(InfoHash key, ScrapeStats value) {
        throw immutable();
    }

    @Override
    public ScrapeStats computeIfAbsent(InfoHash key, Function<? super InfoHash, ? extends ScrapeStats> function) {
        throw immutable();
    }

    @Override
    public ScrapeStats computeIfPresent(
            InfoHash key, BiFunction<? super InfoHash, ? super ScrapeStats, ? extends ScrapeStats> function) {
        throw immutable();
    }

    @Override
    public ScrapeStats compute(
            InfoHash key, BiFunction<? super InfoHash, ? super ScrapeStats, ? extends ScrapeStats> function) {
        throw immutable();
    }

    @Override
    public ScrapeStats merge(
            InfoHash key,
            ScrapeStats value,
            BiFunction<? super ScrapeStats, ? super ScrapeStats, ? extends ScrapeStats> function) {
        throw immutable();
    }

    private static UnsupportedOperationException immutable() {
        return new UnsupportedOperationException("scrape counts are immutable");
    }

    private final class Entries extends AbstractSet<Map.Entry<InfoHash, ScrapeStats>> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean contains(Object other) {
            if (!(other instanceof Map.Entry<?, ?> entry) || entry.getKey() == null) {
                return false;
            }
            int position = swarms.position(entry.getKey());
            return position >= 0 && stats[position].equals(entry.getValue());
        }

        @Override
        public Iterator<Map.Entry<InfoHash, ScrapeStats>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Map.Entry<InfoHash, ScrapeStats> next() {
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<InfoHash, ScrapeStats> entry = Map.entry(swarms.swarm(next), stats[next]);
                    next++;
                    return entry;
                }
            };
        }
    }

    /**
     * Collects distinct swarms in order, then their counts by position. Not thread-safe; hand it
     * between threads through something that orders memory (a future, a lock). After
     * {@link #build()} it refuses further changes, so the map it built stays immutable.
     */
    public static final class Builder {
        private final SwarmIndex swarms;
        private ScrapeStats[] stats;
        private boolean built;

        private Builder(int expectedSwarms) {
            if (expectedSwarms < 0) {
                throw new IllegalArgumentException("negative expected size " + expectedSwarms);
            }
            int capacity = Math.max(1, expectedSwarms);
            swarms = new SwarmIndex(capacity);
            stats = new ScrapeStats[capacity];
        }

        /** Adds {@code swarm} at the next position; false (and nothing added) if it is there already. */
        public boolean add(InfoHash swarm) {
            Objects.requireNonNull(swarm, "swarm");
            checkOpen();
            if (!swarms.add(swarm)) {
                return false;
            }
            if (swarms.capacity() > stats.length) {
                stats = Arrays.copyOf(stats, swarms.capacity());
            }
            return true;
        }

        /** Swarms added so far. */
        public int size() {
            return swarms.size();
        }

        /** The distinct swarms added so far, in order (a copy). */
        public List<InfoHash> swarms() {
            return swarms.swarms();
        }

        /** The counts of the swarm at {@code position} (0-based, in the order added). */
        public Builder set(int position, ScrapeStats counts) {
            Objects.requireNonNull(counts, "counts");
            checkOpen();
            Objects.checkIndex(position, swarms.size());
            stats[position] = counts;
            return this;
        }

        /** The map; every swarm added must have its counts by now. */
        public ScrapeStatsMap build() {
            checkOpen();
            for (int i = 0; i < swarms.size(); i++) {
                if (stats[i] == null) {
                    throw new IllegalStateException("no counts for swarm " + swarms.swarm(i) + " at position " + i);
                }
            }
            built = true;
            return swarms.size() == 0 ? EMPTY : new ScrapeStatsMap(swarms, stats);
        }

        private void checkOpen() {
            if (built) {
                throw new IllegalStateException("the map is built already");
            }
        }
    }
}
