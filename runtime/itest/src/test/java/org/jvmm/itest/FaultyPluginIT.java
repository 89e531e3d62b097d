package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.devices.virtio.resources.VirtioRngHandle;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.framework.ServiceRegistration;

/**
 * A faulty device plugin in the real framework: resolver services (registered by the test bundle, as a
 * plugin bundle's DS components register theirs) that hang or throw cost a hot-add its error message
 * after the resolution limit; the VM keeps running and the port takes a good device afterwards.
 */
class FaultyPluginIT {
    @HandleType(kind = "pci_device_handle", id = "itest_hang")
    record HangHandle() implements ResourceHandle {
    }

    @HandleType(kind = "pci_device_handle", id = "itest_throw")
    record ThrowHandle() implements ResourceHandle {
    }

    private final CountDownLatch never = new CountDownLatch(1);
    private TrackedService<ResolverRegistry> registry;
    private ResolverBundle resolvers;
    private LaunchedVms vms;
    private ServiceRegistration<?> hang;
    private ServiceRegistration<?> thrower;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("jvmm.resolve.timeout.seconds", "1");
        registry = TrackedService.await(ResolverRegistry.class);
        resolvers = ResolverBundle.start(registry.get());
        vms = LaunchedVms.open();
        hang = register("itest_hang", new Faulty<>(HangHandle.class, () -> {
            never.await();
            return null;
        }));
        thrower = register("itest_throw", new Faulty<>(ThrowHandle.class, () -> {
            throw new IllegalStateException("plugin bug");
        }));
        Eventually.await("faulty resolvers", () -> registry.get().find("pci_device_handle", "itest_throw"));
        Eventually.await("virtio_pci", () -> registry.get().find("pci_device_handle", "virtio_pci"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        never.countDown();
        hang.unregister();
        thrower.unregister();
        vms.close();
        resolvers.close();
        registry.close();
        System.clearProperty("jvmm.resolve.timeout.seconds");
    }

    @Test
    void resolversThatHangOrThrowFailTheHotAddAndTheVmGoesOn() throws Exception {
        VmControl vm = vms.launch(LaunchedVms.config(LaunchedVms.ITEST).toBuilder()
                .chipsetDevice(PcieRootComplexHandle.of("rc0").withRootPort(new PcieRootPortConfig("rp0", null, true)))
                .build());
        vm.start();

        long start = System.nanoTime();
        IllegalArgumentException hung = assertThrows(IllegalArgumentException.class,
                () -> vm.addPciDevice("rp0", new HangHandle()));
        assertTrue(hung.getMessage().contains("its resolver did not answer within 1 s"), hung.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "bounded by the limit");
        IllegalArgumentException threw = assertThrows(IllegalArgumentException.class,
                () -> vm.addPciDevice("rp0", new ThrowHandle()));
        assertTrue(threw.getMessage().contains("plugin bug"), threw.getMessage());

        assertEquals(VmState.RUNNING, vm.state());
        assertEquals("01:00.0", vm.addPciDevice("rp0", new VirtioRngHandle()), "the port takes a good device");
    }

    private ServiceRegistration<?> register(String id, ResourceResolver<?, ChipsetDevice> resolver) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ResourceResolver.KIND_PROPERTY, "pci_device_handle");
        props.put(ResourceResolver.ID_PROPERTY, id);
        return TrackedService.testContext().registerService(ResourceResolver.class, resolver, props);
    }

    /** What a faulty resolver does instead of building a device. */
    @FunctionalInterface
    interface Body {
        ChipsetDevice run() throws Exception;
    }

    /** A resolver of {@code type} whose resolution runs {@code body}. */
    record Faulty<H extends ResourceHandle>(Class<H> type, Body body) implements ResourceResolver<H, ChipsetDevice> {
        @Override
        public Class<H> handleType() {
            return type;
        }

        @Override
        public Class<ChipsetDevice> outputType() {
            return ChipsetDevice.class;
        }

        @Override
        public ChipsetDevice resolve(H handle, ResolveContext ctx) {
            try {
                return body.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
