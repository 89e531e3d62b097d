package org.jvmm.vm.worker.impl.lifecycle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmState;

class VmTransitionsTest {
    /** The table as documented, written out independently of the implementation. */
    private static final Set<String> EXPECTED = Set.of(
            "CREATED>STARTING", "CREATED>STOPPING",
            "STARTING>RUNNING", "STARTING>PAUSED", "STARTING>FAILED",
            "RUNNING>PAUSING", "RUNNING>RESETTING", "RUNNING>STOPPING", "RUNNING>FAILED",
            "PAUSING>PAUSED", "PAUSING>FAILED",
            "PAUSED>RUNNING", "PAUSED>RESETTING", "PAUSED>STOPPING", "PAUSED>FAILED",
            "RESETTING>RUNNING", "RESETTING>PAUSED", "RESETTING>FAILED",
            "STOPPING>STOPPED",
            "FAILED>RESETTING", "FAILED>STOPPING");

    static Stream<Arguments> everyPair() {
        return Arrays.stream(VmState.values())
                .flatMap(from -> Arrays.stream(VmState.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void transitionIsAllowedExactlyWhenTheTableSaysSo(VmState from, VmState to) {
        boolean expected = EXPECTED.contains(from + ">" + to);
        assertEquals(expected, VmTransitions.allowed(from, to));
        if (expected) {
            assertDoesNotThrow(() -> VmTransitions.check("op", from, to));
        } else {
            IllegalVmStateException e = assertThrows(IllegalVmStateException.class,
                    () -> VmTransitions.check("op", from, to));
            assertEquals("cannot op: VM is " + from.description(), e.getMessage());
            assertSame(from, e.state());
        }
    }

    @Test
    void stoppedIsTerminal() {
        assertTrue(VmTransitions.from(VmState.STOPPED).isEmpty());
    }

    @Test
    void messageReadsAsASentence() {
        IllegalVmStateException e = assertThrows(IllegalVmStateException.class,
                () -> VmTransitions.check("resume", VmState.RUNNING, VmState.RUNNING));
        assertEquals("cannot resume: VM is running", e.getMessage());
        e = assertThrows(IllegalVmStateException.class,
                () -> VmTransitions.check("pause", VmState.CREATED, VmState.PAUSING));
        assertEquals("cannot pause: VM is not started", e.getMessage());
    }
}
