package org.jvmm.vm.worker.impl.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.Probe;
import org.jvmm.vm.config.HypervisorChoice;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.impl.fake.FakeHypervisor;
import org.jvmm.vm.worker.impl.fake.TestHandles;
import org.jvmm.vm.worker.impl.fake.TestResolver;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.impl.RegistryCore;

class HypervisorSelectorTest {
    private final RegistryCore registry = new RegistryCore(null, (m, t) -> { });

    private <H extends ResourceHandle> void backend(Class<H> handle, String name, Probe probe) {
        Hypervisor hv = new FakeHypervisor(name, probe, p -> { });
        registry.register(new TestResolver<>(handle, Hypervisor.class, (h, ctx) -> hv), "hypervisor", name,
                "org.jvmm.hv." + name, 7);
    }

    @Test
    void nothingRegisteredListsEveryPreferredBackendWithItsBundle() {
        VmLaunchException e = assertThrows(VmLaunchException.class,
                () -> new HypervisorSelector(registry).select(HypervisorChoice.AUTO));
        assertEquals("hypervisor: no usable backend — tried kvm (no resolver for hypervisor:kvm — install or start"
                + " bundle hv-kvm), whp (no resolver for hypervisor:whp — install or start bundle hv-whp), emu (no"
                + " resolver for hypervisor:emu — install or start bundle hv-emu)", e.getMessage());
    }

    @Test
    void automaticChoiceSkipsUnusableBackendsAndRemembersWhy() throws Exception {
        backend(TestHandles.Kvm.class, "kvm", Probe.forceOnly("software kvm_pvm"));
        backend(TestHandles.Emu.class, "emu", Probe.usable("pure Java"));
        HypervisorSelection s = new HypervisorSelector(registry).select(HypervisorChoice.AUTO);
        assertEquals("emu", s.name());
        assertFalse(s.forced());
        assertEquals(List.of("kvm", "whp"), List.copyOf(s.skipped().keySet()));
        assertEquals("software kvm_pvm", s.skipped().get("kvm"));
        assertTrue(s.skipped().get("whp").startsWith("no resolver for hypervisor:whp"));
    }

    @Test
    void otherRegisteredBackendsAreTriedAfterThePreferredOnes() throws Exception {
        backend(TestHandles.Zeta.class, "zeta", Probe.usable("ok"));
        HypervisorSelector selector = new HypervisorSelector(registry);
        assertEquals(List.of("kvm", "whp", "emu", "zeta"), selector.candidates());
        assertEquals("zeta", selector.select(HypervisorChoice.AUTO).name());
    }

    @Test
    void explicitChoiceIsRefusedWhenUnusableUnlessForcedAndForceable() throws Exception {
        backend(TestHandles.Kvm.class, "kvm", Probe.forceOnly("no vmx/svm (software kvm_pvm)"));
        HypervisorSelector selector = new HypervisorSelector(registry);
        VmLaunchException e = assertThrows(VmLaunchException.class,
                () -> selector.select(new HypervisorChoice("kvm", false)));
        assertEquals("hypervisor: kvm is not usable here: no vmx/svm (software kvm_pvm) (it can be forced)",
                e.getMessage());
        HypervisorSelection forced = selector.select(new HypervisorChoice("kvm", true));
        assertTrue(forced.forced());
        assertEquals(Map.of(), forced.skipped());
    }

    @Test
    void explicitMissingBackendNamesItsBundle() {
        VmLaunchException e = assertThrows(VmLaunchException.class,
                () -> new HypervisorSelector(registry).select(new HypervisorChoice("whp", false)));
        assertEquals("hypervisor: whp: no resolver for hypervisor:whp — install or start bundle hv-whp",
                e.getMessage());
    }

    @Test
    void unforceableBackendStaysRefused() {
        backend(TestHandles.Kvm.class, "kvm", Probe.unusable("/dev/kvm: No such file or directory"));
        VmLaunchException e = assertThrows(VmLaunchException.class,
                () -> new HypervisorSelector(registry).select(new HypervisorChoice("kvm", true)));
        assertEquals("hypervisor: kvm is not usable here: /dev/kvm: No such file or directory (it cannot be forced)",
                e.getMessage());
    }

    @Test
    void aBackendWhoseNameDiffersFromItsIdIsRefused() {
        backend(TestHandles.Emu.class, "emu", Probe.usable("ok"));
        Hypervisor liar = new FakeHypervisor("other", Probe.usable("ok"), p -> { });
        registry.register(new TestResolver<>(TestHandles.Zeta.class, Hypervisor.class, (h, c) -> liar),
                "hypervisor", "zeta", "liar", 9);
        VmLaunchException e = assertThrows(VmLaunchException.class,
                () -> new HypervisorSelector(registry).select(new HypervisorChoice("zeta", false)));
        assertEquals("hypervisor: zeta: hypervisor:zeta at hypervisor failed: the backend calls itself other",
                e.getMessage());
    }
}
