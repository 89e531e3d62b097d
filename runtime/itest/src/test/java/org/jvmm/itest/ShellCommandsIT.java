package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.ResolverRegistry;

/**
 * The {@code vm:*} Gogo commands of the shell bundle, run through the framework's
 * {@link CommandProcessor} against a VM on the itest-resolver bundle's backend. {@code vm:quit}
 * stops the framework, so only the shell's unit tests run it.
 */
class ShellCommandsIT {
    private static final String NO_VM = "no VM is running";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private TrackedService<CommandProcessor> processor;
    private TrackedService<ResolverRegistry> registry;
    private CommandSession session;
    private ResolverBundle resolvers;
    private LaunchedVms vms;

    @BeforeEach
    void openSession() throws Exception {
        processor = TrackedService.await(CommandProcessor.class);
        registry = TrackedService.await(ResolverRegistry.class);
        session = processor.get().createSession(new ByteArrayInputStream(new byte[0]), out, err);
        vms = LaunchedVms.open();
    }

    @AfterEach
    void cleanUp() throws Exception {
        session.close();
        vms.close();
        if (resolvers != null) {
            resolvers.close();
        }
        registry.close();
        processor.close();
    }

    @Test
    void withoutAVmTheCommandsSaySo() throws Exception {
        assertTrue(TrackedService.testContext().getServiceReferences(VmControl.class, null).isEmpty(),
                "a VM from another test is still registered");

        assertEquals(NO_VM, session.execute("vm:status"));
        assertEquals(NO_VM, session.execute("vm:pause"));
        assertEquals(NO_VM, session.execute("vm:read-memory 0x1000 5"));
    }

    /** vm:help lists every vm: command, hyphenated Function commands with their descriptions too. */
    @Test
    void helpListsEveryCommandWithWhatItDoes() throws Exception {
        String help = String.valueOf(session.execute("vm:help"));
        for (String command : new String[] {"status", "restart", "pulse-save-restore", "save-snapshot", "add-disk",
            "plugin-install", "read-memory", "devices", "help"}) {
            assertTrue(help.lines().anyMatch(l -> l.startsWith("vm:" + command + " ") && l.length() > 26),
                    () -> "vm:" + command + " without its description in\n" + help);
        }
        assertTrue(String.valueOf(session.execute("vm:help vm:pulse-save-restore"))
                .contains("save every state unit and restore it in place"));
        assertTrue(String.valueOf(session.execute("vm:help status")).contains("show the state of the VM"));
        assertEquals("no command vm:nonsense (vm:help lists them)", session.execute("vm:help nonsense"));
    }

    @Test
    void resolversListsEachKindAndIdWithItsBundle() throws Exception {
        resolvers = ResolverBundle.start(registry.get());

        Object table = session.execute("vm:resolvers");
        Object row = row(table, "hypervisor:itest").orElseThrow(() -> new AssertionError("no row in " + table));
        assertEquals(ResolverBundle.BSN, ShellObjects.component(row, "bundle"));
        assertEquals(resolvers.bundle().getBundleId(), ShellObjects.component(row, "bundleId"));
        assertEquals(false, ShellObjects.component(row, "conflicted"));
        assertTrue(row(table, "chipset_device_handle:itest-probe").isPresent(), table.toString());
        assertTrue(table.toString().matches("(?s).*hypervisor:itest\\s+-> " + ResolverBundle.BSN.replace(".", "\\.")
                + " \\[" + resolvers.bundle().getBundleId() + "\\].*"), table.toString());

        resolvers.bundle().stop();
        assertFalse(row(session.execute("vm:resolvers"), "hypervisor:itest").isPresent(),
                "hypervisor:itest still listed after its bundle stopped");
    }

    @Test
    void statusPauseAndResumeSteerTheRunningVm() throws Exception {
        String name = startVm();

        Object status = session.execute("vm:status");
        assertEquals(name, ShellObjects.component(status, "name"));
        assertEquals(VmState.RUNNING, ShellObjects.component(status, "state"));
        assertEquals("itest", ShellObjects.component(status, "hypervisor"));
        assertEquals(1, ShellObjects.component(status, "processors"));

        assertEquals(VmState.PAUSED, ShellObjects.component(session.execute("vm:pause"), "state"));
        Object paused = session.execute("vm:status");
        assertEquals(VmState.PAUSED, ShellObjects.component(paused, "state"));
        assertTrue(paused.toString().startsWith(name + ": paused"), paused.toString());

        assertEquals(VmState.RUNNING, ShellObjects.component(session.execute("vm:resume"), "state"));
        Exception e = assertThrows(Exception.class, () -> session.execute("vm:resume"));
        assertEquals("cannot resume: VM is running", e.getMessage());
        assertEquals(VmState.RUNNING, ShellObjects.component(session.execute("vm:status"), "state"));
    }

    @Test
    void memoryWrittenWithWriteMemoryReadsBackWithReadMemory() throws Exception {
        startVm();

        assertEquals("wrote 5 bytes at 0x1000", session.execute("vm:write-memory 0x1000 48656c6c6f"));
        Object dump = session.execute("vm:read-memory 0x1000 5");
        assertArrayEquals("Hello".getBytes(StandardCharsets.US_ASCII), (byte[]) ShellObjects.call(dump, "bytes"));
        assertEquals(0x1000L, ShellObjects.call(dump, "gpa"));
        assertTrue(dump.toString().endsWith("|Hello|"), dump.toString());

        assertEquals("wrote 2 bytes at 0x1003", session.execute("vm:writememory 0x1003 2121"));
        assertTrue(session.execute("vm:readmemory 0x1000 5").toString().endsWith("|Hel!!|"));
    }

    @Test
    void inspectNmiAndResetAnswer() throws Exception {
        startVm();

        assertEquals("itest", session.execute("vm:inspect hypervisor/chosen"));
        assertEquals("no inspect entry at no/such/path", session.execute("vm:inspect no/such/path"));
        assertTrue(session.execute("vm:inspect").toString().contains("chosen"), "the whole tree names the backend");

        assertEquals("NMI sent to vp 0", session.execute("vm:nmi"));
        assertEquals(1, session.execute("vm:inspect partition/interruptRequests"));
        assertEquals(VmState.RUNNING, ShellObjects.component(session.execute("vm:reset"), "state"));
        assertEquals(1, session.execute("vm:inspect partition/resets"));
    }

    /** Launches and starts a VM on the itest backend; waits until the shell sees it. */
    private String startVm() throws Exception {
        resolvers = ResolverBundle.start(registry.get());
        VmControl vm = vms.launch(LaunchedVms.config(LaunchedVms.ITEST));
        vm.start();
        String name = LaunchedVms.name(vm);
        Eventually.until("vm:status shows " + name, () -> !NO_VM.equals(status()));
        return name;
    }

    private Object status() {
        try {
            return session.execute("vm:status");
        } catch (Exception e) {
            throw new AssertionError("vm:status failed", e);
        }
    }

    private static Optional<?> row(Object table, String key) {
        return ShellObjects.list(table, "rows").stream()
                .filter(r -> key.equals(ShellObjects.component(r, "key"))).findFirst();
    }
}
