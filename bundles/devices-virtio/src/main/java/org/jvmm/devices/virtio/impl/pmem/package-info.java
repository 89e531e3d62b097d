/**
 * virtio-pmem on a host file. The region is emulated device memory, not RAM: the APIs give a device
 * no way to put host memory into guest-physical address space (guest RAM is one shared segment that
 * {@code GuestMemory} and the hypervisors see as a whole), so the region is routed through the
 * chipset's {@link org.jvmm.chipset.api.MmioMapper} and every guest load and store of it is an MMIO
 * access served from the file's shared mapping. That is correct but slow (an exit per access under a
 * hardware hypervisor, whose in-kernel instruction emulator must also understand every instruction the
 * guest uses on it: plain moves and string moves are fine, vector copies may not be), and DAX gains
 * nothing from it. A real mapping needs a guest-memory API that maps a host {@code MemorySegment}
 * (the file's mapping) at a guest-physical range: a second range in {@code GuestMemory} /
 * {@code GuestMemoryLayout} backed by another segment, a KVM memory slot or a WHP
 * {@code WHvMapGpaRange}, and hv-emu's software TLB resolving to that segment.
 * <p>
 * The region is the file length padded to 2 MiB, placed above RAM (see {@code PmemPlacement}).
 * Read-only devices map the file read-only; the guest's writes (and writes to the padding) land in
 * private copy-on-write pages, bounded, and are lost when the VM stops. FLUSH forces the mapping and
 * the file on a worker thread.
 */
package org.jvmm.devices.virtio.impl.pmem;
