package org.jvmm.hv.kvm.impl.ffm;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;

/**
 * The KVM ioctls this backend issues, with their request numbers computed the way {@code <asm/ioctl.h>}
 * does ({@code _IO/_IOR/_IOW/_IOWR(KVMIO, nr, type)}) from the struct layouts. {@link #cName()} is the
 * name errors carry and the ABI test checks against {@code <linux/kvm.h>}.
 */
public enum Ioctl {
    GET_API_VERSION(Dir.NONE, 0x00, null),
    CREATE_VM(Dir.NONE, 0x01, null),
    CHECK_EXTENSION(Dir.NONE, 0x03, null),
    GET_VCPU_MMAP_SIZE(Dir.NONE, 0x04, null),
    GET_SUPPORTED_CPUID(Dir.READ_WRITE, 0x05, ListLayouts.KVM_CPUID2),
    CREATE_VCPU(Dir.NONE, 0x41, null),
    SET_USER_MEMORY_REGION(Dir.WRITE, 0x46, VmLayouts.KVM_USERSPACE_MEMORY_REGION),
    SET_TSS_ADDR(Dir.NONE, 0x47, null),
    SET_IDENTITY_MAP_ADDR(Dir.WRITE, 0x48, ValueLayout.JAVA_LONG),
    SET_GSI_ROUTING(Dir.WRITE, 0x6a, VmLayouts.KVM_IRQ_ROUTING),
    IRQFD(Dir.WRITE, 0x76, VmLayouts.KVM_IRQFD),
    IOEVENTFD(Dir.WRITE, 0x79, VmLayouts.KVM_IOEVENTFD),
    RUN(Dir.NONE, 0x80, null),
    GET_REGS(Dir.READ, 0x81, RegisterLayouts.KVM_REGS),
    SET_REGS(Dir.WRITE, 0x82, RegisterLayouts.KVM_REGS),
    GET_SREGS(Dir.READ, 0x83, RegisterLayouts.KVM_SREGS),
    SET_SREGS(Dir.WRITE, 0x84, RegisterLayouts.KVM_SREGS),
    INTERRUPT(Dir.WRITE, 0x86, VmLayouts.KVM_INTERRUPT),
    GET_MSRS(Dir.READ_WRITE, 0x88, ListLayouts.KVM_MSRS),
    SET_MSRS(Dir.WRITE, 0x89, ListLayouts.KVM_MSRS),
    GET_LAPIC(Dir.READ, 0x8e, VmLayouts.KVM_LAPIC_STATE),
    SET_LAPIC(Dir.WRITE, 0x8f, VmLayouts.KVM_LAPIC_STATE),
    SET_CPUID2(Dir.WRITE, 0x90, ListLayouts.KVM_CPUID2),
    GET_MP_STATE(Dir.READ, 0x98, VmLayouts.KVM_MP_STATE),
    SET_MP_STATE(Dir.WRITE, 0x99, VmLayouts.KVM_MP_STATE),
    GET_VCPU_EVENTS(Dir.READ, 0x9f, VmLayouts.KVM_VCPU_EVENTS),
    SET_VCPU_EVENTS(Dir.WRITE, 0xa0, VmLayouts.KVM_VCPU_EVENTS),
    GET_DEBUGREGS(Dir.READ, 0xa1, RegisterLayouts.KVM_DEBUGREGS),
    SET_DEBUGREGS(Dir.WRITE, 0xa2, RegisterLayouts.KVM_DEBUGREGS),
    ENABLE_CAP(Dir.WRITE, 0xa3, VmLayouts.KVM_ENABLE_CAP),
    GET_XSAVE(Dir.READ, 0xa4, RegisterLayouts.KVM_XSAVE),
    SET_XSAVE(Dir.WRITE, 0xa5, RegisterLayouts.KVM_XSAVE),
    SIGNAL_MSI(Dir.WRITE, 0xa5, VmLayouts.KVM_MSI);

    private static final int KVMIO = 0xAE;

    private final long request;

    Ioctl(Dir dir, int nr, MemoryLayout argument) {
        long size = argument == null ? 0 : argument.byteSize();
        this.request = (long) dir.bits << 30 | size << 16 | KVMIO << 8 | nr;
    }

    /** The request number passed to ioctl(2). */
    public long request() {
        return request;
    }

    /** The macro name in {@code <linux/kvm.h>}, e.g. {@code KVM_GET_REGS}. */
    public String cName() {
        return "KVM_" + name();
    }

    private enum Dir {
        NONE(0), WRITE(1), READ(2), READ_WRITE(3);

        final int bits;

        Dir(int bits) {
            this.bits = bits;
        }
    }
}
