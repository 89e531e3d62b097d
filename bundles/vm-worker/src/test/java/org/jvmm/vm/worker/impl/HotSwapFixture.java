package org.jvmm.vm.worker.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.vm.worker.impl.fake.PowerDevice;
import org.jvmm.vm.config.VirtioDeviceConfig;
import org.jvmm.vm.config.VirtioPciHandle;
import org.jvmm.vm.worker.impl.fake.FakeFunction;
import org.jvmm.vm.worker.impl.fake.FakePciHost;
import org.jvmm.vm.worker.impl.fake.TestHandles;
import org.jvmm.vm.worker.impl.fake.TestResolver;
import org.jvmm.vmm.resource.Registration;

/**
 * Device "bundles" a test stops and starts under a VM: {@code org.jvmm.test.virtio}
 * ({@code pci_device_handle:virtio_pci}, {@code virtio:test_blk}), {@code org.jvmm.test.disk}
 * ({@code disk_handle:ram}) and {@code org.jvmm.test.pci} (the PCI host), next to the fixture's
 * power device.
 */
final class HotSwapFixture implements AutoCloseable {
    static final String VIRTIO = "org.jvmm.test.virtio";
    static final String DISK = "org.jvmm.test.disk";

    static final String POWER = "org.jvmm.test.power";
    static final String COUNTER = "org.jvmm.test.counter";

    final WorkerFixture f = new WorkerFixture().withEmu();
    /** Every PCI host resolved, one per VM build (a restart builds another). */
    final List<FakePciHost> hosts = new CopyOnWriteArrayList<>();
    final List<FakeFunction> functions = new CopyOnWriteArrayList<>();
    /** Whether the virtio functions resolved from now on offer a state unit. */
    volatile boolean statefulFunctions;
    private final AtomicInteger numbers = new AtomicInteger();
    private final List<Registration> virtio = new ArrayList<>();
    private Registration disk;
    private Registration power;

    HotSwapFixture() {
        f.registry.register(new TestResolver<>(TestHandles.PciHost.class, ChipsetDevice.class, (h, c) -> {
            FakePciHost host = new FakePciHost();
            hosts.add(host);
            return host;
        }),
                "chipset_device_handle", "test_pci_host", "org.jvmm.test.pci", 7);
        startVirtio();
        startDisk();
        startPower();
    }

    /** The PCI host of the latest build. */
    FakePciHost host() {
        return hosts.getLast();
    }

    void startPower() {
        power = f.registry.register(new TestResolver<>(TestHandles.Power.class, ChipsetDevice.class,
                (h, c) -> new PowerDevice(h.name(), h.port(), c.input(ChipsetServices.class).orElseThrow())),
                "chipset_device_handle", "test_power", POWER, 6);
    }

    final List<org.jvmm.vm.worker.impl.fake.CounterDevice> counters = new CopyOnWriteArrayList<>();
    private Registration counter;

    /** The counter's provider: the first revision, or (after an "update") one with another handle class. */
    void startCounter(boolean updated, boolean refuses) {
        org.jvmm.vmm.resource.ResourceResolver<?, ChipsetDevice> r = updated
                ? new TestResolver<>(TestHandles.CounterV2.class, ChipsetDevice.class, (h, c) -> counter(h.name(),
                        h.port(), refuses))
                : new TestResolver<>(TestHandles.Counter.class, ChipsetDevice.class, (h, c) -> counter(h.name(),
                        h.port(), refuses));
        counter = f.registry.register(r, "chipset_device_handle", "test_counter", COUNTER, 10);
    }

    private ChipsetDevice counter(String name, int port, boolean refuses) {
        var d = new org.jvmm.vm.worker.impl.fake.CounterDevice(name, port, refuses);
        counters.add(d);
        return d;
    }

    void stopCounter() {
        counter.close();
    }

    void stopPower() {
        power.close();
    }

    void startVirtio() {
        virtio.add(f.registry.register(new TestResolver<>(VirtioPciHandle.class, ChipsetDevice.class, (h, c) -> {
            FakeFunction fn = new FakeFunction("fn" + numbers.incrementAndGet(),
                    c.child("device").resolve(h.device(), Object.class), statefulFunctions);
            functions.add(fn);
            return fn;
        }), "pci_device_handle", "virtio_pci", VIRTIO, 8));
        virtio.add(f.registry.register(new TestResolver<>(TestHandles.Blk.class, Object.class,
                (h, c) -> List.of("blk", c.child("disk").resolve(h.disk(), Object.class))), "virtio", "test_blk",
                VIRTIO, 8));
    }

    void stopVirtio() {
        virtio.forEach(Registration::close);
        virtio.clear();
    }

    void startDisk() {
        disk = f.registry.register(new TestResolver<>(TestHandles.RamDisk.class, Object.class,
                (h, c) -> "ram " + h.size()), "disk_handle", "ram", DISK, 9);
    }

    void stopDisk() {
        disk.close();
    }

    /** A virtio test_blk over a RAM disk on virtio-pci behind {@code port}. */
    static VirtioDeviceConfig blkAt(String port) {
        return new VirtioDeviceConfig(new TestHandles.Blk(new TestHandles.RamDisk(1 << 20)), "pci", port);
    }

    @Override
    public void close() {
        f.close();
    }
}
