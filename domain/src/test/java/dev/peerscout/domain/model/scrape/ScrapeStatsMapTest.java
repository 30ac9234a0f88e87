package dev.peerscout.domain.model.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.InfoHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ScrapeStatsMapTest {

    @Test
    void keepsTheFirstOfEachSwarmInOrderAndFindsEveryOne() {
        List<InfoHash> swarms = swarms(5_000, 1);
        // A small expected size makes the builder grow several times.
        ScrapeStatsMap.Builder builder = ScrapeStatsMap.builder(3);
        for (InfoHash swarm : swarms) {
            assertTrue(builder.add(swarm));
        }
        for (InfoHash swarm : swarms.subList(0, 100)) {
            assertFalse(builder.add(InfoHash.of(swarm.toBytes())), "a duplicate is not added again");
        }
        assertEquals(swarms, builder.swarms());
        for (int i = 0; i < swarms.size(); i++) {
            builder.set(i, stats(i));
        }
        ScrapeStatsMap map = builder.build();

        assertEquals(swarms.size(), map.size());
        assertEquals(swarms, new ArrayList<>(map.keySet()));
        for (int i = 0; i < swarms.size(); i++) {
            assertEquals(stats(i), map.get(InfoHash.of(swarms.get(i).toBytes())));
            assertTrue(map.containsKey(swarms.get(i)));
        }
        for (InfoHash stranger : swarms(1_000, 2)) {
            assertNull(map.get(stranger));
            assertFalse(map.containsKey(stranger));
            assertEquals(stats(-1), map.getOrDefault(stranger, stats(-1)));
        }
        assertNull(map.get("not a swarm"));
        assertTrue(map.containsValue(stats(7)));
        assertTrue(map.entrySet().contains(Map.entry(swarms.get(7), stats(7))));
        assertFalse(map.entrySet().contains(Map.entry(swarms.get(7), stats(8))));
    }

    @Test
    void equalsAnyMapWithTheSameEntries() {
        Map<InfoHash, ScrapeStats> plain = new HashMap<>();
        List<InfoHash> swarms = swarms(300, 3);
        for (int i = 0; i < swarms.size(); i++) {
            plain.put(swarms.get(i), stats(i));
        }
        ScrapeStatsMap copy = ScrapeStatsMap.copyOf(plain);

        assertEquals(plain, copy);
        assertEquals(copy, plain);
        assertEquals(Map.copyOf(plain), copy);
        assertEquals(plain.hashCode(), copy.hashCode());
        assertEquals(new ScrapeResponse(plain, 1), new ScrapeResponse(copy, 1));
    }

    @Test
    void isNotCopiedAgain() {
        ScrapeStatsMap map = ScrapeStatsMap.copyOf(Map.of(swarms(1, 4).get(0), stats(1)));

        assertSame(map, ScrapeStatsMap.copyOf(map));
        assertSame(map, new ScrapeResponse(map, 1).stats());
    }

    @Test
    void copiesInTheSourcesOrder() {
        Map<InfoHash, ScrapeStats> ordered = new LinkedHashMap<>();
        List<InfoHash> swarms = swarms(50, 5);
        for (int i = swarms.size() - 1; i >= 0; i--) {
            ordered.put(swarms.get(i), stats(i));
        }

        assertEquals(
                new ArrayList<>(ordered.entrySet()),
                new ArrayList<>(ScrapeStatsMap.copyOf(ordered).entrySet()));
    }

    @Test
    void emptyMaps() {
        ScrapeStatsMap empty = ScrapeStatsMap.copyOf(Map.of());

        assertTrue(empty.isEmpty());
        assertNull(empty.get(swarms(1, 6).get(0)));
        assertEquals(Map.of(), empty);
        assertTrue(ScrapeStatsMap.builder(0).build().isEmpty());
    }

    @Test
    void refusesNullsLikeMapCopyOf() {
        ScrapeStatsMap map = ScrapeStatsMap.copyOf(Map.of(swarms(1, 7).get(0), stats(1)));
        Map<InfoHash, ScrapeStats> nullValue = new HashMap<>();
        nullValue.put(swarms(1, 8).get(0), null);
        Map<InfoHash, ScrapeStats> nullKey = new HashMap<>();
        nullKey.put(null, stats(1));

        assertThrows(NullPointerException.class, () -> map.get(null));
        assertThrows(NullPointerException.class, () -> map.containsKey(null));
        assertThrows(NullPointerException.class, () -> ScrapeStatsMap.copyOf(nullValue));
        assertThrows(NullPointerException.class, () -> ScrapeStatsMap.copyOf(nullKey));
        assertThrows(NullPointerException.class, () -> ScrapeStatsMap.builder(1).add(null));
    }

    @Test
    void cannotBeChangedThroughAnyDoor() {
        InfoHash known = swarms(1, 9).get(0);
        InfoHash other = swarms(1, 10).get(0);
        ScrapeStatsMap map = ScrapeStatsMap.copyOf(Map.of(known, stats(1)));
        Iterator<Map.Entry<InfoHash, ScrapeStats>> entries = map.entrySet().iterator();
        Map.Entry<InfoHash, ScrapeStats> entry = entries.next();
        List<Executable> mutations = List.of(
                () -> map.put(other, stats(2)),
                () -> map.remove(known),
                () -> map.remove(known, stats(1)),
                () -> map.putAll(Map.of(other, stats(2))),
                map::clear,
                () -> map.replaceAll((swarm, counts) -> counts),
                () -> map.putIfAbsent(known, stats(2)),
                () -> map.replace(known, stats(2)),
                () -> map.replace(known, stats(1), stats(2)),
                () -> map.computeIfAbsent(known, swarm -> stats(2)),
                () -> map.computeIfPresent(other, (swarm, counts) -> counts),
                () -> map.compute(known, (swarm, counts) -> counts),
                () -> map.merge(known, stats(2), (a, b) -> a),
                entries::remove,
                () -> entry.setValue(stats(2)),
                () -> map.keySet().remove(known),
                () -> map.values().clear(),
                () -> map.entrySet().clear());
        for (Executable mutation : mutations) {
            assertThrows(UnsupportedOperationException.class, mutation);
        }
        assertEquals(Map.of(known, stats(1)), map);
    }

    @Test
    void theBuilderStopsAtBuildAndNeedsEveryCount() {
        List<InfoHash> swarms = swarms(3, 11);
        ScrapeStatsMap.Builder builder = ScrapeStatsMap.builder(3);
        swarms.forEach(builder::add);
        builder.set(0, stats(0)).set(2, stats(2));

        assertThrows(IllegalStateException.class, builder::build);
        assertThrows(IndexOutOfBoundsException.class, () -> builder.set(3, stats(3)));
        ScrapeStatsMap map = builder.set(1, stats(1)).build();
        assertThrows(IllegalStateException.class, () -> builder.set(1, stats(5)));
        assertThrows(
                IllegalStateException.class, () -> builder.add(swarms(1, 12).get(0)));
        assertThrows(IllegalStateException.class, builder::build);
        assertEquals(stats(1), map.get(swarms.get(1)));
        assertEquals(3, map.size());
    }

    private static ScrapeStats stats(int i) {
        return new ScrapeStats(Math.abs(i), 2L * Math.abs(i), i < 0 ? 99 : 3);
    }

    private static List<InfoHash> swarms(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<InfoHash> swarms = new ArrayList<>(count);
        byte[] bytes = new byte[InfoHash.LENGTH];
        for (int i = 0; i < count; i++) {
            random.nextBytes(bytes);
            swarms.add(InfoHash.of(bytes));
        }
        return swarms;
    }
}
