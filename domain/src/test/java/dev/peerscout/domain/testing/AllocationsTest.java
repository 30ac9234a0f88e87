package dev.peerscout.domain.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllocationsTest {

    @Test
    void anAllocationWithinTheBudgetPasses() {
        byte[] made = Allocations.withinBudget(1_000, 64 * 1024, 100, () -> new byte[50_000]);
        assertEquals(50_000, made.length);
    }

    @Test
    void anAllocationSizedByAClaimFailsEveryTime() {
        int[] runs = {0};
        AssertionError error = assertThrows(
                AssertionError.class,
                () -> Allocations.withinBudget(10, 1024 * 1024, 100, () -> new byte[8 * 1024 * 1024 + runs[0]++]));
        assertTrue(error.getMessage().startsWith("allocated 838"), error.getMessage());
        assertEquals(2, runs[0], "an action over budget is tried twice");
    }

    @Test
    void aOneOffCostIsForgiven() {
        int[] runs = {0};
        byte[] made = Allocations.withinBudget(
                10, 1024 * 1024, 100, () -> runs[0]++ == 0 ? new byte[8 * 1024 * 1024] : new byte[1]);
        assertEquals(1, made.length);
    }
}
