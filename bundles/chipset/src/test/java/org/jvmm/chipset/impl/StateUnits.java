package org.jvmm.chipset.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;

/** Saving, restoring and refusing device state in tests. */
public final class StateUnits {
    private StateUnits() {
    }

    public static StateUnit unit(ChipsetDevice d) {
        return d.state().orElseThrow(() -> new AssertionError(d.name() + " offers no state unit"));
    }

    /** Saves {@code from} and restores the bytes into {@code to}, as a snapshot restore does. */
    public static void copy(ChipsetDevice from, ChipsetDevice to) throws StateUnitException {
        StateUnit s = unit(from);
        assertEquals(s.unitName(), unit(to).unitName());
        unit(to).restore(s.version(), s.save());
    }

    /**
     * Checks that {@code device} refuses another device's state ({@code other}, in a different state)
     * under an unknown version, cut short, or with a byte too many, naming its unit each time, and
     * that each refusal leaves it saving exactly what it saved before.
     */
    public static void assertRefusesBadStates(ChipsetDevice device, ChipsetDevice other) {
        StateUnit u = unit(device);
        byte[] before = u.save();
        byte[] foreign = unit(other).save();
        assertTrue(!Arrays.equals(before, foreign), "the other device must be in a different state");
        StateUnitException e = assertThrows(StateUnitException.class, () -> u.restore(u.version() + 1, foreign));
        assertTrue(e.getMessage().startsWith(u.unitName() + ": saved state version " + (u.version() + 1)),
                e.getMessage());
        assertArrayEquals(before, u.save(), "an unknown version leaves the device unchanged");
        e = assertThrows(StateUnitException.class,
                () -> u.restore(u.version(), Arrays.copyOf(foreign, foreign.length - 1)));
        assertTrue(e.getMessage().startsWith(u.unitName() + ": "), e.getMessage());
        assertArrayEquals(before, u.save(), "a short state leaves the device unchanged");
        e = assertThrows(StateUnitException.class,
                () -> u.restore(u.version(), Arrays.copyOf(foreign, foreign.length + 1)));
        assertTrue(e.getMessage().startsWith(u.unitName() + ": "), e.getMessage());
        assertArrayEquals(before, u.save(), "a long state leaves the device unchanged");
    }
}
