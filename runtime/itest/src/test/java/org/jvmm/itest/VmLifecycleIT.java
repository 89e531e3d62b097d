package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.config.HypervisorChoice;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.VmWorker;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** A VM on the itest-resolver bundle's backend, driven through the worker and its VmControl service. */
class VmLifecycleIT {
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    private final BundleContext context = TrackedService.testContext();
    private TrackedService<ResolverRegistry> registryService;
    private ResolverBundle resolvers;
    private LaunchedVms vms;

    @BeforeEach
    void startBackend() throws Exception {
        registryService = TrackedService.await(ResolverRegistry.class);
        resolvers = ResolverBundle.start(registryService.get());
        vms = LaunchedVms.open();
    }

    @AfterEach
    void cleanUp() throws Exception {
        vms.close();
        resolvers.close();
        registryService.close();
    }

    @Test
    void aLaunchedVmIsAServiceThatRunsPausesResumesAndStops() throws Exception {
        VmControl vm = vms.launch(LaunchedVms.config(LaunchedVms.ITEST));
        String name = LaunchedVms.name(vm);
        ServiceReference<VmControl> ref = Eventually.await("VmControl service " + name,
                () -> services(name).stream().findFirst());
        assertSame(vm, context.getService(ref), "the service is the VM that launch returned");
        context.ungetService(ref);
        assertEquals(VmState.CREATED, vm.state());

        vm.start();
        assertEquals(VmState.RUNNING, vm.state());
        vm.pause();
        assertEquals(VmState.PAUSED, vm.state());
        vm.resume();
        assertEquals(VmState.RUNNING, vm.state());
        IllegalVmStateException e = assertThrows(IllegalVmStateException.class, vm::resume);
        assertEquals("cannot resume: VM is running", e.getMessage());

        vm.stop();
        assertEquals(VmState.STOPPED, vm.state());
        Eventually.until("VmControl service " + name + " unregistered", () -> services(name).isEmpty());
    }

    @Test
    void guestMemoryWrittenThroughTheServiceReadsBack() throws Exception {
        VmControl vm = vms.launch(LaunchedVms.config(LaunchedVms.ITEST));
        vm.start();

        vm.writeMemory(0x1000, HELLO);
        assertArrayEquals(HELLO, vm.readMemory(0x1000, HELLO.length));
        vm.pause();
        assertArrayEquals(HELLO, vm.readMemory(0x1000, HELLO.length), "memory survives a pause");
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> vm.readMemory((16L << 20) - 2, 4));
        assertTrue(outside.getMessage().startsWith("0xfffffe..+0x4 is not guest RAM"), outside.getMessage());
    }

    @Test
    void inspectShowsTheChosenBackendAndItsPartition() throws Exception {
        VmControl vm = vms.launch(LaunchedVms.config(LaunchedVms.ITEST));
        vm.start();

        assertEquals("itest", vm.inspect("hypervisor/chosen").orElseThrow());
        assertEquals(false, vm.inspect("hypervisor/forced").orElseThrow());
        assertEquals("itest", vm.inspect("partition/backend").orElseThrow());
        assertEquals("running", vm.inspect("state").orElseThrow());

        vm.nmi(0);
        assertEquals(1, vm.inspect("partition/interruptRequests").orElseThrow(), "the NMI reached the partition");
        vm.reset();
        assertEquals(1, vm.inspect("partition/resets").orElseThrow());
        assertEquals(VmState.RUNNING, vm.state(), "a running VM runs again after a reset");
    }

    @Test
    void automaticChoiceTakesTheInstalledBackendAndSaysWhyTheOthersWereSkipped() throws Exception {
        VmControl vm = vms.launch(LaunchedVms.config(HypervisorChoice.AUTO));

        assertEquals("itest", vm.inspect("hypervisor/chosen").orElseThrow());
        for (String skipped : new String[] {"kvm", "whp", "emu"}) {
            assertEquals("no resolver for hypervisor:" + skipped + " — install or start bundle hv-" + skipped,
                    vm.inspect("hypervisor/skipped/" + skipped).orElseThrow());
        }
    }

    private Collection<ServiceReference<VmControl>> services(String name) {
        try {
            return context.getServiceReferences(VmControl.class, "(" + VmWorker.VM_NAME_PROPERTY + "=" + name + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("vm name " + name, e);
        }
    }
}
