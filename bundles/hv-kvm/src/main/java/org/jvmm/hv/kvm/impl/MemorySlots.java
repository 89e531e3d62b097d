package org.jvmm.hv.kvm.impl;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.RamRange;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.kvm.impl.ffm.KvmVmFd;

/**
 * Guest RAM as KVM memory slots: one slot per RAM range of the guest memory layout, each backed by
 * its bytes of the shared RAM segment, so KVM, devices and loaders see the same memory. Whatever the
 * layout leaves out (the PC's MMIO hole below 4 GiB) has no slot, and accesses there exit as MMIO.
 */
final class MemorySlots {
    /** KVM_SET_TSS_ADDR: three pages just below the firmware area at the top of the MMIO hole (as QEMU). */
    static final long TSS_ADDRESS = 0xFFFB_D000L;
    /** KVM_SET_IDENTITY_MAP_ADDR: the page before the TSS. */
    static final long IDENTITY_MAP_ADDRESS = 0xFFFB_C000L;
    private static final long PAGE = RamRange.PAGE_SIZE;

    record Slot(int slot, long gpa, long size, long offset) {
    }

    private MemorySlots() {
    }

    /** The slots for {@code memory}'s layout; checks the backing is page aligned. */
    static List<Slot> plan(GuestMemory memory) throws HypervisorException {
        if (memory.segment().address() % PAGE != 0) {
            throw new HypervisorException("guest memory: RAM segment at 0x" + Long.toHexString(memory.segment().address())
                    + " is not page aligned, KVM cannot map it");
        }
        List<Slot> slots = new ArrayList<>();
        for (RamRange r : memory.layout().ranges()) {
            if (overlaps(r, IDENTITY_MAP_ADDRESS, TSS_ADDRESS + 3 * PAGE)) {
                throw new HypervisorException("guest memory: " + r + " covers the KVM TSS/identity-map pages at 0x"
                        + Long.toHexString(IDENTITY_MAP_ADDRESS));
            }
            slots.add(new Slot(slots.size(), r.gpa(), r.size(), r.offset()));
        }
        return slots;
    }

    static void map(KvmVmFd vm, GuestMemory memory, List<Slot> slots) {
        MemorySegment ram = memory.segment();
        for (Slot s : slots) {
            vm.setUserMemoryRegion(s.slot(), s.gpa(), ram.asSlice(s.offset(), s.size()));
        }
    }

    private static boolean overlaps(RamRange r, long start, long end) {
        return r.gpa() < end && start < r.end();
    }
}
