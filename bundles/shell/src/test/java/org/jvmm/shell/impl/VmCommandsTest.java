package org.jvmm.shell.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.impl.RegistryCore;

class VmCommandsTest {
    private final RegistryCore registry = new RegistryCore(null, (m, t) -> { });
    private final AtomicInteger frameworkStops = new AtomicInteger();
    private final CurrentVm current = new CurrentVm();
    private final VmCommands commands = new VmCommands(registry, current, frameworkStops::incrementAndGet);
    private final FakeVmControl vm = new FakeVmControl();

    private void bind() {
        current.bindVm(vm, Map.of("vm.name", "vm1"));
    }

    @Test
    void withoutAVmEveryVmCommandSaysSo() {
        for (Object answer : List.of(commands.status(), commands.pause(), commands.resume(), commands.reset(),
                commands.nmi(), commands.nmi(1), commands.inspect(), commands.inspect("vp"),
                commands.readmemory("0", "1"), commands.writememory("0", "00"))) {
            assertEquals("no VM is running", answer);
        }
    }

    @Test
    void statusNamesStateSizesHypervisorAndLoadMode() {
        bind();
        Object status = commands.status();
        assertInstanceOf(VmStatus.class, status);
        assertEquals("""
                vm1: running
                  processors: 2
                  memory:     1 GiB
                  hypervisor: emu
                  load:       none""", status.toString());
        vm.state = VmState.FAILED;
        vm.reason = "emulation failure on vp 0: ud2";
        assertEquals("vm1: failed (emulation failure on vp 0: ud2)", status().lines().findFirst().orElseThrow());
    }

    private String status() {
        return commands.status().toString();
    }

    @Test
    void pauseResumeAndResetActOnTheVmAndReturnItsStatus() {
        bind();
        assertEquals(VmState.PAUSED, ((VmStatus) commands.pause()).state());
        assertEquals(VmState.RUNNING, ((VmStatus) commands.resume()).state());
        commands.reset();
        assertEquals(List.of("pause", "resume", "reset"), vm.calls);
    }

    @Test
    void anOperationTheStateForbidsFailsWithTheVmsMessage() {
        bind();
        IllegalVmStateException e = assertThrows(IllegalVmStateException.class, commands::resume);
        assertEquals("cannot resume: VM is running", e.getMessage());
    }

    @Test
    void nmiDefaultsToProcessorZero() {
        bind();
        assertEquals("NMI sent to vp 0", commands.nmi());
        assertEquals("NMI sent to vp 1", commands.nmi(1));
        assertEquals(List.of("nmi 0", "nmi 1"), vm.calls);
    }

    @Test
    void inspectShowsTheTreeAnEntryOrSaysWhatIsMissing() {
        bind();
        InspectNode tree = assertInstanceOf(InspectNode.class, commands.inspect());
        assertEquals("emu", tree.at("hypervisor/chosen").orElseThrow());
        assertEquals("0xfff0", commands.inspect("vp/0/rip").toString());
        assertEquals("rip: 0xfff0\n", commands.inspect("vp/0").toString());
        assertEquals("no inspect entry at vp/7", commands.inspect("vp/7"));
    }

    @Test
    void memoryIsWrittenAndDumpedInHex() {
        bind();
        assertEquals("wrote 5 bytes at 0x10", commands.writememory("0x10", "48656c6c6f"));
        HexDump dump = assertInstanceOf(HexDump.class, commands.readmemory("16", "5"));
        assertArrayEquals("Hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), dump.bytes());
        assertEquals("0000000000000010: 48 65 6c 6c 6f " + "   ".repeat(11) + " |Hello|", dump.toString());
    }

    @Test
    void badArgumentsAreNamed() {
        bind();
        assertEquals("gpa: not a number: zz",
                assertThrows(IllegalArgumentException.class, () -> commands.readmemory("zz", "1")).getMessage());
        assertEquals("len: must be 0..65536, got 100000",
                assertThrows(IllegalArgumentException.class, () -> commands.readmemory("0", "100000")).getMessage());
        assertEquals("bytes: need an even number of hex digits, got \"abc\"",
                assertThrows(IllegalArgumentException.class, () -> commands.writememory("0", "abc")).getMessage());
        assertEquals("bytes: not hex: \"zz\"",
                assertThrows(IllegalArgumentException.class, () -> commands.writememory("0", "zz")).getMessage());
        assertEquals("0x2000..+0x4 is not guest RAM (RAM: 0x0-0xfff)",
                assertThrows(IllegalArgumentException.class, () -> commands.readmemory("0x2000", "4")).getMessage());
    }

    @Test
    void quitStopsTheVmThenTheFramework() throws Exception {
        bind();
        assertEquals("vm1 stopped; shutting down", commands.quit());
        assertEquals(List.of("stop"), vm.calls);
        assertEquals(1, frameworkStops.get());
        commands.quit();
        assertEquals(List.of("stop"), vm.calls, "a stopped VM is not stopped again");
        assertEquals(2, frameworkStops.get());
    }

    @Test
    void quitWithoutAVmStillShutsDown() throws Exception {
        assertEquals("no VM is running; shutting down", commands.quit());
        assertEquals(1, frameworkStops.get());
    }

    @Test
    void unbindingAnotherVmKeepsTheCurrentOne() {
        bind();
        current.unbindVm(new FakeVmControl());
        assertInstanceOf(VmStatus.class, commands.status());
        current.unbindVm(vm);
        assertEquals("no VM is running", commands.status());
    }
}
