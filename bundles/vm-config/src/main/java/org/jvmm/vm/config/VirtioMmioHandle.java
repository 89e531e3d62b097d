package org.jvmm.vm.config;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A virtio device on the virtio-mmio transport: a chipset device with a register window at
 * {@code base} raising the level-triggered interrupt {@code gsi}, announced to the guest through
 * ACPI ({@code LNRO0005}). The VM worker places the {@code mmio} entries of
 * {@link VmConfig#virtioDevices()} this way; the transport resolves {@code device} (a {@code virtio}
 * handle) as its backend.
 *
 * @param device a {@code virtio} handle
 * @param base   guest-physical base of the 512-byte register window, 512-byte aligned, below 4 GiB
 * @param gsi    global system interrupt, 1..23
 */
@HandleType(kind = "chipset_device_handle", id = "virtio_mmio")
public record VirtioMmioHandle(ResourceHandle device, long base, int gsi) implements ResourceHandle {
    public static final long WINDOW = 0x200;

    public VirtioMmioHandle {
        Check.required(device, "virtio_mmio.device");
        if (base <= 0 || base % WINDOW != 0 || base + WINDOW > 1L << 32) {
            throw new IllegalArgumentException("virtio_mmio.base: must be 512-byte aligned and below 4 GiB, got 0x"
                    + Long.toHexString(base));
        }
        if (gsi < 1 || gsi > 23) {
            throw new IllegalArgumentException("virtio_mmio.gsi: must be 1..23, got " + gsi);
        }
    }
}
