package org.jvmm.cli.impl.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.jvmm.chipset.impl.serial.backend.ConsoleSerialResolver;
import org.jvmm.vm.worker.VmState;
import org.junit.jupiter.api.Test;

class ConsoleEscapeTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true);

    @Test
    void registersUnderThePropertyTheConsoleBackendLooksFor() {
        assertEquals(ConsoleSerialResolver.ESCAPE_PROPERTY, ConsoleEscape.PROPERTY);
        assertEquals(ConsoleSerialResolver.ESCAPE_CTRL_Q, ConsoleEscape.CTRL_Q);
    }

    @Test
    void ctrlQSaysSoAndStopsTheVm() {
        FakeVm vm = new FakeVm();
        ConsoleEscape.stopper(vm, err).run();
        assertEquals(VmState.STOPPED, vm.state());
        assertEquals(1, vm.stops);
        assertEquals(System.lineSeparator() + "jvmm: Ctrl-Q: stopping the VM" + System.lineSeparator(),
                errBytes.toString());
    }

    @Test
    void ctrlQOnAnEndedVmDoesNotStopItAgain() {
        FakeVm vm = new FakeVm();
        vm.become(VmState.STOPPED, "powered off");
        ConsoleEscape.stopper(vm, err).run();
        assertEquals(0, vm.stops);
    }
}
