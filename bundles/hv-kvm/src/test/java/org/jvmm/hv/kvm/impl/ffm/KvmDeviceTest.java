package org.jvmm.hv.kvm.impl.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The system and VM ioctls, and how their failures read. */
class KvmDeviceTest {
    @Test
    void aFailedCallNamesItselfAndItsErrno() {
        NativeCallException e = assertThrows(NativeCallException.class,
                () -> Libc.openReadWrite("/nonexistent/kvm"));
        assertEquals(2, e.errno());
        assertEquals("open(/nonexistent/kvm) failed: errno 2 (No such file or directory)", e.getMessage());
    }

    @Test
    void systemIoctlsAndATypedVcpuFailure() {
        KvmDevice kvm;
        try {
            kvm = KvmDevice.open();
        } catch (NativeCallException e) {
            Assumptions.abort("real-KVM tests skipped: " + e.getMessage());
            return;
        }
        try (kvm; KvmVmFd vm = kvm.createVm()) {
            assertEquals(KvmConstants.KVM_API_VERSION, kvm.apiVersion());
            assertTrue(kvm.checkExtension(KvmConstants.KVM_CAP_USER_MEMORY) > 0);
            assertTrue(kvm.vcpuMmapSize() >= RunLayout.KVM_RUN.byteSize());
            List<CpuidEntry> cpuid = kvm.supportedCpuid();
            assertTrue(cpuid.stream().anyMatch(c -> c.function() == 1), "leaf 1 in " + cpuid);
            try (KvmVcpuFd vcpu = vm.createVcpu(0, kvm.vcpuMmapSize())) {
                NativeCallException e = assertThrows(NativeCallException.class,
                        () -> vm.createVcpu(0, kvm.vcpuMmapSize()));
                assertEquals("KVM_CREATE_VCPU(0)", e.call());
                assertEquals(17, e.errno());
                assertTrue(e.getMessage().endsWith("failed: errno 17 (File exists)"), e.getMessage());
                assertEquals(KvmConstants.KVM_MP_STATE_RUNNABLE, vcpu.getMpState());
            }
        }
    }
}
