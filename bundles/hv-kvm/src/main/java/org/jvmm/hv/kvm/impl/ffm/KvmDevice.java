package org.jvmm.hv.kvm.impl.ffm;

import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.CPUID2_NENT;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.ENTRY_EAX;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.ENTRY_EBX;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.ENTRY_ECX;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.ENTRY_EDX;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.ENTRY_FLAGS;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.ENTRY_FUNCTION;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.ENTRY_INDEX;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.KVM_CPUID2;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.KVM_CPUID_ENTRY2;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** An open {@code /dev/kvm}: system ioctls (API version, capabilities, supported CPUID) and VM creation. */
public final class KvmDevice implements AutoCloseable {
    public static final String PATH = "/dev/kvm";
    private static final int MAX_CPUID_ENTRIES = 4096;

    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KvmDevice(int fd) {
        this.fd = fd;
    }

    /** Opens /dev/kvm. */
    public static KvmDevice open() {
        return new KvmDevice(Libc.openReadWrite(PATH));
    }

    public int apiVersion() {
        return IoctlCall.withValue(fd, Ioctl.GET_API_VERSION, null, 0);
    }

    /** KVM_CHECK_EXTENSION: 0 when absent, else 1 or a capability-specific value. */
    public int checkExtension(int capability) {
        return IoctlCall.withValue(fd, Ioctl.CHECK_EXTENSION, Integer.toString(capability), capability);
    }

    public int vcpuMmapSize() {
        return IoctlCall.withValue(fd, Ioctl.GET_VCPU_MMAP_SIZE, null, 0);
    }

    /** KVM_GET_SUPPORTED_CPUID, growing the buffer while KVM says E2BIG. */
    public List<CpuidEntry> supportedCpuid() {
        for (int capacity = 128; ; capacity *= 2) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(KVM_CPUID2.byteSize() + capacity * KVM_CPUID_ENTRY2.byteSize(), 8);
                CPUID2_NENT.set(buf, 0L, capacity);
                int rc = IoctlCall.tryWithStruct(fd, Ioctl.GET_SUPPORTED_CPUID, buf);
                if (rc == -Libc.E2BIG && capacity < MAX_CPUID_ENTRIES) {
                    continue;
                }
                if (rc < 0) {
                    throw new NativeCallException(Ioctl.GET_SUPPORTED_CPUID.cName(), -rc);
                }
                return readEntries(buf);
            }
        }
    }

    /** KVM_CREATE_VM (default machine type). */
    public KvmVmFd createVm() {
        return new KvmVmFd(IoctlCall.withValue(fd, Ioctl.CREATE_VM, null, 0));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Libc.close(fd);
        }
    }

    static List<CpuidEntry> readEntries(MemorySegment buf) {
        int n = (int) CPUID2_NENT.get(buf, 0L);
        List<CpuidEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long at = KVM_CPUID2.byteSize() + i * KVM_CPUID_ENTRY2.byteSize();
            entries.add(new CpuidEntry((int) ENTRY_FUNCTION.get(buf, at), (int) ENTRY_INDEX.get(buf, at),
                    (int) ENTRY_FLAGS.get(buf, at), (int) ENTRY_EAX.get(buf, at), (int) ENTRY_EBX.get(buf, at),
                    (int) ENTRY_ECX.get(buf, at), (int) ENTRY_EDX.get(buf, at)));
        }
        return entries;
    }

    static MemorySegment writeEntries(Arena arena, List<CpuidEntry> entries) {
        MemorySegment buf = arena.allocate(KVM_CPUID2.byteSize() + entries.size() * KVM_CPUID_ENTRY2.byteSize(), 8);
        CPUID2_NENT.set(buf, 0L, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            CpuidEntry e = entries.get(i);
            long at = KVM_CPUID2.byteSize() + i * KVM_CPUID_ENTRY2.byteSize();
            ENTRY_FUNCTION.set(buf, at, e.function());
            ENTRY_INDEX.set(buf, at, e.index());
            ENTRY_FLAGS.set(buf, at, e.flags());
            ENTRY_EAX.set(buf, at, e.eax());
            ENTRY_EBX.set(buf, at, e.ebx());
            ENTRY_ECX.set(buf, at, e.ecx());
            ENTRY_EDX.set(buf, at, e.edx());
        }
        return buf;
    }
}
