package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.config.HypervisorChoice;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.osgi.framework.InvalidSyntaxException;

/** The worker names the resolver (and the bundle that provides it) that a VM needs but cannot find. */
class WorkerMissingResolverIT {
    private TrackedService<ResolverRegistry> registryService;
    private ResolverRegistry registry;
    private LaunchedVms vms;
    private ResolverBundle resolvers;

    @BeforeEach
    void awaitServices() throws InterruptedException {
        registryService = TrackedService.await(ResolverRegistry.class);
        registry = registryService.get();
        vms = LaunchedVms.open();
    }

    @AfterEach
    void cleanUp() throws Exception {
        vms.close();
        if (resolvers != null) {
            resolvers.close();
        }
        registryService.close();
    }

    @Test
    void withoutABackendBundleTheLaunchNamesEveryBackendTriedAndItsBundle() throws Exception {
        assertTrue(registry.list().stream().noneMatch(i -> i.kind().equals(ResolverBundle.HYPERVISOR)),
                "this test needs a framework without hypervisor bundles: " + registry.list());

        String message = assertThrows(VmLaunchException.class,
                () -> vms.launch(VmConfig.builder().memoryBytes(16L << 20).build())).getMessage();

        assertTrue(message.startsWith("hypervisor: no usable backend — tried kvm ("), message);
        for (String backend : new String[] {"kvm", "whp", "emu"}) {
            String tried = backend + " (no resolver for hypervisor:" + backend
                    + " — install or start bundle hv-" + backend + ")";
            assertTrue(message.contains(tried), "message names " + tried + ": " + message);
        }
        assertEquals(-1, message.indexOf('\n'), "one line: " + message);
        assertNoVmService();
    }

    @Test
    void aBackendChosenByNameWithoutItsBundleIsAMissingResolver() throws Exception {
        VmLaunchException e = assertThrows(VmLaunchException.class,
                () -> vms.launch(LaunchedVms.config(new HypervisorChoice("kvm", false))));

        assertEquals("hypervisor: kvm: no resolver for hypervisor:kvm — install or start bundle hv-kvm",
                e.getMessage());
        assertNoVmService();
    }

    @Test
    void aChipsetDeviceWithoutItsBundleIsAMissingResolverAtItsPath() throws Exception {
        resolvers = ResolverBundle.start(registry);
        VmConfig config = LaunchedVms.config(LaunchedVms.ITEST).toBuilder()
                .chipsetDevice(new AbsentDeviceHandle("rtc")).build();

        VmLaunchException e = assertThrows(VmLaunchException.class, () -> vms.launch(config));

        assertEquals("no resolver for chipset_device_handle:itest-absent at chipsetDevices[0]"
                + " — install or start bundle chipset", e.getMessage());
        assertNoVmService();
    }

    @Test
    void aBackendIsMissingWhileItsBundleIsStoppedAndBackWhenItStarts() throws Exception {
        resolvers = ResolverBundle.start(registry);
        VmConfig config = LaunchedVms.config(LaunchedVms.ITEST);
        vms.launch(config).stop();

        resolvers.bundle().stop();
        Eventually.until("hypervisor:itest gone", () -> registry.find(ResolverBundle.HYPERVISOR,
                ResolverBundle.BACKEND).isEmpty());
        VmLaunchException e = assertThrows(VmLaunchException.class, () -> vms.launch(config));
        assertEquals("hypervisor: itest: no resolver for hypervisor:itest", e.getMessage());

        resolvers.bundle().start();
        resolvers.awaitBackend(registry);
        VmControl vm = vms.launch(config);
        assertEquals("itest", vm.inspect("hypervisor/chosen").orElseThrow());
    }

    private static void assertNoVmService() throws InvalidSyntaxException {
        assertTrue(TrackedService.testContext().getServiceReferences(VmControl.class, null).isEmpty(),
                "a VmControl service is registered after a failed launch");
    }
}
