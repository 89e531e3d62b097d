package org.jvmm.hv.kvm.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.jvmm.hv.api.Probe;
import org.jvmm.hv.kvm.resources.KvmHypervisorHandle;
import org.jvmm.vmm.resource.HandleType;
import org.junit.jupiter.api.Test;

/** The selection rule: /dev/kvm with the needed capabilities and a CPU with vmx or svm. */
class HostProbeTest {
    private static final String CPUINFO_HEAD = "processor\t: 0\nvendor_id\t: GenuineIntel\n";
    private static final HostProbe.DeviceCheck GOOD = new HostProbe.DeviceCheck(null, 12, List.of());

    @Test
    void usableWithVmxOrSvm() {
        Probe intel = HostProbe.decide(GOOD, CPUINFO_HEAD + "flags\t\t: fpu vme de vmx sse2\n");
        assertTrue(intel.usable());
        assertTrue(intel.reason().contains("vmx"), intel.reason());
        assertTrue(HostProbe.decide(GOOD, CPUINFO_HEAD + "flags\t: fpu svm\n").usable());
    }

    @Test
    void aSoftwareKvmIsOnlyForceable() {
        Probe p = HostProbe.decide(GOOD, CPUINFO_HEAD + "flags\t\t: fpu vme de hypervisor sse2\n");
        assertFalse(p.usable());
        assertTrue(p.forceable());
        assertTrue(p.reason().contains("no vmx/svm") && p.reason().contains("kvm_pvm"), p.reason());
    }

    @Test
    void noDeviceOrMissingCapabilitiesIsUnusableAndNotForceable() {
        Probe missing = HostProbe.decide(HostProbe.DeviceCheck.failed(
                "open(/dev/kvm) failed: errno 2 (No such file or directory)"), "flags : vmx");
        assertEquals(new Probe(false, false, "open(/dev/kvm) failed: errno 2 (No such file or directory)"), missing);
        Probe caps = HostProbe.decide(new HostProbe.DeviceCheck(null, 12, List.of("KVM_CAP_SPLIT_IRQCHIP")), "flags : vmx");
        assertFalse(caps.usable() || caps.forceable());
        assertTrue(caps.reason().contains("KVM_CAP_SPLIT_IRQCHIP"), caps.reason());
        Probe api = HostProbe.decide(new HostProbe.DeviceCheck(null, 11, List.of()), "flags : vmx");
        assertTrue(api.reason().contains("API version 11"), api.reason());
    }

    @Test
    void otherSystemsAreUnusableBeforeAnyNativeCall() {
        String os = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Windows 11");
            Probe p = new KvmHypervisor().probe();
            assertEquals(new Probe(false, false, "KVM exists only on Linux; this is Windows 11"), p);
        } finally {
            System.setProperty("os.name", os);
        }
    }

    @Test
    void cpuFlagsComeFromTheFirstFlagsLine() {
        assertEquals(Set.of("fpu", "vmx", "sse"), HostProbe.cpuFlags("model\t: 1\nflags\t\t: fpu vmx sse\nflags : svm\n"));
        assertEquals(Set.of(), HostProbe.cpuFlags("no flags here"));
    }

    @Test
    void thisHostIsJudgedByItsOwnCpuinfo() throws Exception {
        TinyGuest.assumeKvm();
        Set<String> flags = HostProbe.cpuFlags(Files.readString(HostProbe.CPUINFO));
        boolean hardware = flags.contains("vmx") || flags.contains("svm");
        Probe p = new KvmHypervisor().probe();
        assertEquals(hardware, p.usable(), p.reason());
        assertTrue(p.forceable(), p.reason());
    }

    @Test
    void theHandleIsHypervisorKvm() {
        HandleType t = KvmHypervisorHandle.class.getAnnotation(HandleType.class);
        assertEquals("hypervisor", t.kind());
        assertEquals("kvm", t.id());
        KvmHypervisorResolver resolver = new KvmHypervisorResolver();
        assertEquals(KvmHypervisorHandle.class, resolver.handleType());
        assertEquals("kvm", resolver.resolve(new KvmHypervisorHandle(), null).name());
    }
}
