package org.jvmm.shell.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CurrentVmTest {
    private final CurrentVm current = new CurrentVm();
    private final FakeVmControl vm = new FakeVmControl();

    @Test
    void withoutABoundVmThereIsNone() {
        assertEquals(Optional.empty(), current.vm());
        assertEquals(Optional.empty(), current.control());
    }

    @Test
    void aBoundVmIsCurrentWithTheNameFromItsServiceProperty() {
        current.bindVm(vm, Map.of("vm.name", "vm1"));
        CurrentVm.Vm c = current.vm().orElseThrow();
        assertSame(vm, c.control());
        assertEquals("vm1", c.name());
        assertSame(vm, current.control().orElseThrow());
    }

    @Test
    void theNameDefaultsToVm() {
        current.bindVm(vm, Map.of());
        assertEquals("vm", current.vm().orElseThrow().name());
    }

    @Test
    void aBetterVmReplacesTheCurrentOneAndUnbindingTheOldOneLeavesIt() {
        FakeVmControl better = new FakeVmControl();
        current.bindVm(vm, Map.of("vm.name", "vm1"));
        current.bindVm(better, Map.of("vm.name", "vm2"));
        current.unbindVm(vm);
        assertSame(better, current.control().orElseThrow());
        assertEquals("vm2", current.vm().orElseThrow().name());
    }

    @Test
    void unbindingTheCurrentVmClearsIt() {
        current.bindVm(vm, Map.of());
        current.unbindVm(vm);
        assertTrue(current.vm().isEmpty());
        assertTrue(current.control().isEmpty());
    }
}
