package org.jvmm.vm.worker.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.vm.worker.impl.WorkerFixture.config;
import static org.jvmm.vm.worker.impl.WorkerFixture.eventually;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.VpExit;
import org.jvmm.vm.config.GuestAction;
import org.jvmm.vm.config.GuestActions;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.fake.FakePartition;
import org.jvmm.vm.worker.impl.fake.TestHandles;

class VmLifecycleTest {
    private final WorkerFixture f = new WorkerFixture().withEmu().withPowerDevice();

    @AfterEach
    void stopAll() {
        f.close();
    }

    private Vm launchWithPowerDevice(int processors) throws Exception {
        return f.launch(config().processors(processors).chipsetDevice(new TestHandles.Power("power", 0xf4)).build());
    }

    @Test
    void launchRunPauseResumeStop() throws Exception {
        f.script = p -> p.vp(0).portWrite(0xf4, 1, 0x12).exit(new VpExit.Halted(0x1000));
        Vm vm = launchWithPowerDevice(2);
        List<VmState> seen = new CopyOnWriteArrayList<>();
        vm.addStateListener(seen::add);
        assertEquals(VmState.CREATED, vm.state());
        vm.start();
        assertEquals(VmState.RUNNING, vm.state());
        eventually("the guest's port write", () -> f.devices.getFirst().writes.equals(List.of("port 0xf4=0x12")));
        eventually("vp 0 halted", () -> "halted".equals(vm.inspect("vp/0/thread").orElseThrow()));
        eventually("vp 1 running", () -> "running".equals(vm.inspect("vp/1/thread").orElseThrow()));
        vm.pause();
        assertEquals(VmState.PAUSED, vm.state());
        assertEquals("parked", vm.inspect("vp/0/thread").orElseThrow());
        assertEquals("parked", vm.inspect("vp/1/thread").orElseThrow());
        vm.resume();
        assertEquals(VmState.RUNNING, vm.state());
        vm.stop();
        assertEquals(VmState.STOPPED, vm.state());
        assertEquals(Optional.of("stopped by request"), vm.stopReason());
        assertTrue(vm.awaitStopped(Duration.ZERO));
        assertTrue(f.emu.last.closed);
        assertEquals(List.of(VmState.STARTING, VmState.RUNNING, VmState.PAUSING, VmState.PAUSED, VmState.RUNNING,
                VmState.STOPPING, VmState.STOPPED), seen);
    }

    @Test
    void illegalOperationsFailAtOnceWithTheState() throws Exception {
        Vm vm = launchWithPowerDevice(1);
        assertEquals("cannot resume: VM is not started",
                assertThrows(IllegalVmStateException.class, vm::resume).getMessage());
        assertEquals("cannot reset: VM is not started",
                assertThrows(IllegalVmStateException.class, vm::reset).getMessage());
        vm.start();
        assertEquals("cannot start: VM is running", assertThrows(IllegalVmStateException.class, vm::start).getMessage());
        assertEquals("cannot resume: VM is running", assertThrows(IllegalVmStateException.class, vm::resume).getMessage());
        vm.pause();
        assertEquals("cannot pause: VM is paused", assertThrows(IllegalVmStateException.class, vm::pause).getMessage());
        vm.stop();
        assertEquals("cannot stop: VM is stopped", assertThrows(IllegalVmStateException.class, vm::stop).getMessage());
        assertEquals("cannot read memory: VM is stopped",
                assertThrows(IllegalVmStateException.class, () -> vm.readMemory(0, 1)).getMessage());
        assertEquals("cannot send an NMI: VM is stopped",
                assertThrows(IllegalVmStateException.class, () -> vm.nmi(0)).getMessage());
    }

    @Test
    void configuredPausedStartsPausedAndStopsFromCreated() throws Exception {
        Vm vm = f.launch(config().paused(true).build());
        vm.start();
        assertEquals(VmState.PAUSED, vm.state());
        Vm never = f.launch(config().build());
        never.stop();
        assertEquals(VmState.STOPPED, never.state());
    }

    @Test
    void powerOffFromADeviceStopsTheVm() throws Exception {
        f.script = p -> p.vp(0).portWrite(0xf4, 1, 1);
        Vm vm = launchWithPowerDevice(1);
        vm.start();
        assertTrue(vm.awaitStopped(Duration.ofSeconds(5)));
        assertEquals(Optional.of("powered off"), vm.stopReason());
        assertEquals("guest power-off", vm.inspect("lastGuestEvent").orElseThrow());
        assertTrue(vm.guestExitStatus().isEmpty());
    }

    @Test
    void aGuestExitRequestStopsTheVmWithItsStatus() throws Exception {
        f.script = p -> p.vp(0).portWrite(0xf4, 1, 3);
        Vm vm = launchWithPowerDevice(1);
        vm.start();
        assertTrue(vm.awaitStopped(Duration.ofSeconds(5)));
        assertEquals(java.util.OptionalInt.of(33), vm.guestExitStatus());
        assertEquals(Optional.of("guest exit status 33"), vm.stopReason());
    }

    @Test
    void guestResetRunsAResetCycleAndKeepsRunning() throws Exception {
        f.script = p -> p.vp(0).portWrite(0xf4, 1, 2);
        Vm vm = launchWithPowerDevice(1);
        List<VmState> seen = new CopyOnWriteArrayList<>();
        vm.addStateListener(seen::add);
        vm.start();
        eventually("the reset cycle", () -> seen.contains(VmState.RESETTING) && vm.state() == VmState.RUNNING);
        FakePartition p = f.emu.last;
        assertEquals(1, p.resets);
        assertEquals(1, f.devices.getFirst().resets);
        assertEquals(List.of(VmState.STARTING, VmState.RUNNING, VmState.RESETTING, VmState.RUNNING), seen);
    }

    @Test
    void tripleFaultStopsInsteadOfRebooting() throws Exception {
        f.script = p -> p.vp(1).exit(new VpExit.Shutdown(VpExit.ShutdownReason.TRIPLE_FAULT, "#DF while delivering #GP"));
        Vm vm = launchWithPowerDevice(2);
        vm.start();
        assertTrue(vm.awaitStopped(Duration.ofSeconds(5)));
        assertEquals(Optional.of("triple fault on vp 1: #DF while delivering #GP"), vm.stopReason());
        assertEquals(0, f.emu.last.resets);
    }

    private Vm launchWithActions(GuestActions actions) throws Exception {
        return f.launch(config().processors(1).chipsetDevice(new TestHandles.Power("power", 0xf4))
                .guestActions(actions).build());
    }

    @Test
    void crashActionResetResetsAfterATripleFault() throws Exception {
        f.script = p -> p.vp(0).exit(new VpExit.Shutdown(VpExit.ShutdownReason.TRIPLE_FAULT, "#DF"));
        Vm vm = launchWithActions(new GuestActions(null, null, GuestAction.RESET));
        vm.start();
        eventually("a reset after the triple fault", () -> f.emu.last.resets >= 1);
        vm.stop();
        assertEquals(Optional.of("stopped by request"), vm.stopReason());
    }

    @Test
    void resetActionExitStopsWithTheGivenStatus() throws Exception {
        f.script = p -> p.vp(0).portWrite(0xf4, 1, 2);
        Vm vm = launchWithActions(new GuestActions(GuestAction.parse("exit:5"), null, null));
        vm.start();
        assertTrue(vm.awaitStopped(Duration.ofSeconds(5)));
        assertEquals(java.util.OptionalInt.of(5), vm.guestExitStatus());
        assertEquals(Optional.of("guest reset"), vm.stopReason());
        assertEquals(0, f.emu.last.resets);
    }

    @Test
    void powerOffActionHaltPausesTheVm() throws Exception {
        f.script = p -> p.vp(0).portWrite(0xf4, 1, 1);
        Vm vm = launchWithActions(new GuestActions(null, GuestAction.HALT, null));
        vm.start();
        eventually("PAUSED", () -> vm.state() == VmState.PAUSED);
        assertEquals("guest power-off", vm.inspect("lastGuestEvent").orElseThrow());
        eventually("the halt's reason", () -> vm.stopReason().isPresent());
        assertEquals(Optional.of("halted by the guest: powered off"), vm.stopReason());
        vm.clearHalt();
        assertEquals(VmState.RUNNING, vm.state());
        assertEquals(Optional.empty(), vm.stopReason());
        vm.stop();
    }

    @Test
    void clearHaltRefusesAVmThePersonPaused() throws Exception {
        Vm vm = launchWithPowerDevice(1);
        vm.start();
        vm.pause();
        IllegalStateException e = assertThrows(IllegalStateException.class, vm::clearHalt);
        assertTrue(e.getMessage().startsWith("the VM is not halted by the guest (state PAUSED)"), e.getMessage());
        vm.stop();
    }

    @Test
    void emulationFailureFailsTheVmWhichCanStillBeInspectedResetAndStopped() throws Exception {
        f.script = p -> p.vp(0).exit(new VpExit.EmulationFailure(0x1234, "unknown opcode 0f 0b"));
        Vm vm = launchWithPowerDevice(1);
        vm.start();
        eventually("FAILED", () -> vm.state() == VmState.FAILED);
        assertEquals(Optional.of("emulation failure on vp 0 at rip 0x1234: unknown opcode 0f 0b"), vm.stopReason());
        assertEquals("parked", vm.inspect("vp/0/thread").orElseThrow());
        vm.writeMemory(0x100, new byte[] {1, 2});
        assertEquals(2, vm.readMemory(0x101, 1)[0]);
        assertEquals("cannot pause: VM is failed", assertThrows(IllegalVmStateException.class, vm::pause).getMessage());
        vm.reset();
        assertEquals(VmState.RUNNING, vm.state());
        assertEquals(Optional.empty(), vm.stopReason());
        vm.stop();
        assertEquals(VmState.STOPPED, vm.state());
    }

    @Test
    void debugExitPausesTheVm() throws Exception {
        f.script = p -> p.vp(0).exit(new VpExit.Debug(VpExit.DebugReason.BREAKPOINT, 0x7c00));
        Vm vm = launchWithPowerDevice(1);
        vm.start();
        eventually("PAUSED", () -> vm.state() == VmState.PAUSED);
        assertEquals("debug exit (breakpoint) on vp 0 at rip 0x7c00", vm.inspect("lastGuestEvent").orElseThrow());
    }

    @Test
    void nmiReachesThePartitionAndWakesAHaltedProcessor() throws Exception {
        f.script = p -> p.vp(0).exit(new VpExit.Halted(0x10));
        Vm vm = launchWithPowerDevice(1);
        vm.start();
        eventually("vp 0 halted", () -> "halted".equals(vm.inspect("vp/0/thread").orElseThrow()));
        int runsBefore = f.emu.last.vp(0).runs();
        vm.nmi(0);
        assertEquals(List.of(new InterruptRequest.Nmi(0, false)), f.emu.last.requests);
        eventually("vp 0 runs again", () -> f.emu.last.vp(0).runs() > runsBefore);
        assertEquals("vp 3: the VM has 1 processor",
                assertThrows(IllegalArgumentException.class, () -> vm.nmi(3)).getMessage());
    }

    @Test
    void memoryOutsideRamIsAClearError() throws Exception {
        Vm vm = launchWithPowerDevice(1);
        vm.writeMemory(0xFFFFF0, "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("hello", new String(vm.readMemory(0xFFFFF0, 5), java.nio.charset.StandardCharsets.US_ASCII));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vm.readMemory(0xFFFFFE, 4));
        assertEquals("0xfffffe..+0x4 is not guest RAM (RAM: 0x0-0xffffff)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> vm.writeMemory(0xFEC0_0000L, new byte[1]));
        assertFalse(vm.awaitStopped(Duration.ofMillis(1)));
    }
}
