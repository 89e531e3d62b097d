package org.jvmm.cli.impl.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvmm.vm.worker.VmState;
import org.junit.jupiter.api.Test;

class VmRunTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void waitsUntilTheVmStopsOrFails() throws Exception {
        FakeVm vm = new FakeVm();
        CompletableFuture<VmState> end = CompletableFuture.supplyAsync(() -> {
            try {
                return VmRun.awaitEnd(vm);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        vm.become(VmState.PAUSED, null);
        vm.become(VmState.FAILED, "emulation failed at rip 0x1000");
        assertEquals(VmState.FAILED, end.get(5, TimeUnit.SECONDS));
        FakeVm stopped = new FakeVm();
        stopped.become(VmState.STOPPED, "powered off");
        assertEquals(VmState.STOPPED, VmRun.awaitEnd(stopped));
    }

    @Test
    void exitStatusFollowsHowTheVmEnded() {
        FakeVm vm = new FakeVm();
        assertEquals(0, VmRun.exitStatus(vm, errStream));
        vm.become(VmState.STOPPED, "powered off");
        assertEquals(0, VmRun.exitStatus(vm, errStream));
        vm.become(VmState.STOPPED, "stopped by request");
        assertEquals(0, VmRun.exitStatus(vm, errStream));
        vm.become(VmState.STOPPED, "triple fault on vp 0: #GP");
        assertEquals(1, VmRun.exitStatus(vm, errStream));
        vm.become(VmState.FAILED, "emulation failed");
        assertEquals(1, VmRun.exitStatus(vm, errStream));
        assertEquals("jvmm: vm stopped: triple fault on vp 0: #GP\njvmm: vm failed: emulation failed\n",
                err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aGuestExitStatusIsTheProcessExitStatus() {
        FakeVm vm = new FakeVm();
        vm.exitStatus = java.util.OptionalInt.of(33);
        vm.become(VmState.STOPPED, "guest exit status 33");
        assertEquals(33, VmRun.exitStatus(vm, errStream));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stopsOnlyAVmThatIsStillThere() {
        FakeVm vm = new FakeVm();
        VmRun.stopIfRunning(vm);
        VmRun.stopIfRunning(vm);
        assertEquals(1, vm.stops);
        FakeVm failed = new FakeVm();
        failed.become(VmState.FAILED, "x");
        VmRun.stopIfRunning(failed);
        assertEquals(1, failed.stops);
    }
}
