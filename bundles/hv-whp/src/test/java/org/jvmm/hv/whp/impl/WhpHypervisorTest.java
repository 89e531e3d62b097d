package org.jvmm.hv.whp.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.Probe;
import org.jvmm.hv.whp.resources.WhpHypervisorHandle;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceResolver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class WhpHypervisorTest {
    private final FakeWhp whp = new FakeWhp();

    private Probe probeOnWindows() {
        return new WhpHypervisor("Windows 11", () -> whp).probe();
    }

    @Test
    void onLinuxItIsUnusableAndCannotBeForced() {
        Probe p = new WhpHypervisor("Linux", () -> {
            throw new AssertionError("must not load anything outside Windows");
        }).probe();
        assertFalse(p.usable());
        assertFalse(p.forceable());
        assertEquals("WHP needs Windows (this is Linux)", p.reason());
    }

    @Test
    void thisHostsProbeTouchesNothingNativeOutsideWindows() {
        String os = System.getProperty("os.name");
        Assumptions.assumeFalse(os.startsWith("Windows"), "this host is Windows");
        assertEquals("WHP needs Windows (this is " + os + ")", new WhpHypervisor().probe().reason());
    }

    @Test
    void createPartitionOutsideWindowsSaysWhy() throws Exception {
        try (GuestMemory memory = GuestMemory.create(GuestMemoryLayout.flat(1 << 20))) {
            HypervisorException e = assertThrows(HypervisorException.class, () -> new WhpHypervisor("Linux", () -> whp)
                    .createPartition(new PartitionConfig(1, memory, CpuModel.QEMU64, false)));
            assertEquals("hypervisor:whp: WHP needs Windows (this is Linux)", e.getMessage());
        }
    }

    @Test
    void onWindowsTheDllAndTheHypervisorMustBeThere() {
        Probe missing = new WhpHypervisor("Windows 10", () -> {
            throw new HypervisorException("WinHvPlatform.dll cannot be loaded (turn on ...)");
        }).probe();
        assertEquals("WinHvPlatform.dll cannot be loaded (turn on ...)", missing.reason());
        assertFalse(missing.usable());
        whp.capabilities.put(0, 0L);
        assertTrue(probeOnWindows().reason().startsWith("the Windows hypervisor is not running"));
    }

    @Test
    void onWindowsLocalApicEmulationIsRequired() {
        whp.capabilities.put(1, 0L);
        Probe p = probeOnWindows();
        assertFalse(p.usable());
        assertTrue(p.reason().contains("no local APIC emulation"), p.reason());
    }

    @Test
    void aCapableHostIsUsable() {
        Probe p = probeOnWindows();
        assertTrue(p.usable());
        assertEquals("Windows Hypervisor Platform (features 0x2, extended exits 0x7)", p.reason());
    }

    @Test
    void aFailingCapabilityCallIsReported() {
        whp.failOn = c -> c.equals("capability 1");
        assertEquals("WHvGetCapability failed: HRESULT 0x80004005 (E_FAIL)", probeOnWindows().reason());
    }

    @Test
    void theResolverIsTheWhpHypervisorBackend() throws Exception {
        WhpHypervisorResolver resolver = new WhpHypervisorResolver();
        assertSame(WhpHypervisorHandle.class, resolver.handleType());
        assertEquals("whp", resolver.resolve(new WhpHypervisorHandle(), null).name());
        HandleType type = WhpHypervisorHandle.class.getAnnotation(HandleType.class);
        assertEquals("hypervisor", type.kind());
        assertEquals("whp", type.id());
    }

    @Test
    void theComponentRegistersAsHypervisorWhp() throws Exception {
        String xml;
        try (var in = getClass().getResourceAsStream("/OSGI-INF/" + WhpHypervisorResolver.class.getName() + ".xml")) {
            assertTrue(in != null, "bnd generated no component description");
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("<property name=\"vmm.resource.kind\" type=\"String\" value=\"hypervisor\"/>"), xml);
        assertTrue(xml.contains("<property name=\"vmm.resource.id\" type=\"String\" value=\"whp\"/>"), xml);
        assertTrue(xml.contains("<provide interface=\"" + ResourceResolver.class.getName() + "\"/>"), xml);
    }
}
