package org.jvmm.vm.worker.impl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.Probe;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.fake.FakeHypervisor;
import org.jvmm.vm.worker.impl.fake.FakePartition;
import org.jvmm.vm.worker.impl.fake.PowerDevice;
import org.jvmm.vm.worker.impl.fake.TestHandles;
import org.jvmm.vm.worker.impl.fake.TestResolver;
import org.jvmm.vmm.resource.impl.RegistryCore;

/**
 * A real registry with an {@code emu} fake backend and the {@code test_power} device registered,
 * a launcher over it, and clean-up of every VM a test launched.
 */
final class WorkerFixture implements AutoCloseable {
    final RegistryCore registry = new RegistryCore(null, (m, t) -> { });
    final VmLauncher launcher = new VmLauncher(registry);
    final List<PowerDevice> devices = new CopyOnWriteArrayList<>();
    private final List<Vm> vms = new CopyOnWriteArrayList<>();
    volatile Consumer<FakePartition> script = p -> { };
    FakeHypervisor emu;

    WorkerFixture withEmu() {
        emu = new FakeHypervisor("emu", Probe.usable("test backend"), p -> script.accept(p));
        registry.register(new TestResolver<>(TestHandles.Emu.class, Hypervisor.class, (h, c) -> emu),
                "hypervisor", "emu", "org.jvmm.hv.emu", 5);
        return this;
    }

    WorkerFixture withPowerDevice() {
        registry.register(new TestResolver<>(TestHandles.Power.class, ChipsetDevice.class, (h, c) -> {
            PowerDevice d = new PowerDevice(h.name(), h.port(), c.input(ChipsetServices.class).orElseThrow());
            devices.add(d);
            return d;
        }), "chipset_device_handle", "test_power", "org.jvmm.test.power", 6);
        return this;
    }

    Vm launch(VmConfig config) throws VmLaunchException {
        Vm vm = launcher.launch("vm" + (vms.size() + 1), config);
        vms.add(vm);
        return vm;
    }

    static VmConfig.Builder config() {
        return VmConfig.builder().memoryBytes(16L << 20).processors(1);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    @Override
    public void close() {
        for (Vm vm : vms) {
            if (vm.state() != VmState.STOPPED && vm.state() != VmState.STOPPING) {
                vm.stop();
            }
        }
    }
}
