package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.Probe;
import org.jvmm.vm.config.HypervisorChoice;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * hv-kvm and hv-whp, installed for each test (the worker tests need a framework without backends),
 * resolved through the registry from JSON handles and probed on this host.
 */
class HypervisorProbeIT {
    private static final String KVM_BSN = "org.jvmm.hv.kvm";
    private static final String WHP_BSN = "org.jvmm.hv.whp";
    private static final String OS = System.getProperty("os.name");

    private final BundleContext context = TrackedService.testContext();
    private TrackedService<ResolverRegistry> registryService;
    private ResolverRegistry registry;
    private Bundle kvm;
    private Bundle whp;

    @BeforeEach
    void installBackends() throws Exception {
        registryService = TrackedService.await(ResolverRegistry.class);
        registry = registryService.get();
        kvm = context.installBundle(context.getProperty("jvmm.itest.hv-kvm.location"));
        whp = context.installBundle(context.getProperty("jvmm.itest.hv-whp.location"));
        kvm.start();
        whp.start();
        Eventually.await("hypervisor:kvm", () -> registry.find("hypervisor", "kvm"));
        Eventually.await("hypervisor:whp", () -> registry.find("hypervisor", "whp"));
    }

    @AfterEach
    void uninstallBackends() throws Exception {
        for (Bundle b : List.of(kvm, whp)) {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        }
        Eventually.until("no hypervisor resolvers left",
                () -> registry.list().stream().noneMatch(i -> i.kind().equals("hypervisor")));
        registryService.close();
    }

    @Test
    void backendsAreRegisteredByTheirBundlesAndLeaveWhenUninstalled() throws Exception {
        ResolverInfo k = registry.find("hypervisor", "kvm").orElseThrow();
        ResolverInfo w = registry.find("hypervisor", "whp").orElseThrow();
        assertEquals(List.of(KVM_BSN, WHP_BSN), List.of(k.bundleSymbolicName(), w.bundleSymbolicName()));
        assertEquals(List.of(kvm.getBundleId(), whp.getBundleId()), List.of(k.bundleId(), w.bundleId()));

        kvm.uninstall();
        Eventually.until("hypervisor:kvm gone", () -> registry.find("hypervisor", "kvm").isEmpty());
        assertEquals(w, registry.find("hypervisor", "whp").orElseThrow(), "whp stays");
    }

    @Test
    void whpResolvesEverywhereAndSaysItNeedsWindows() throws Exception {
        assumeFalse(OS.startsWith("Windows"), "the reason is for hosts other than Windows");
        Hypervisor hv = resolve("whp");
        assertEquals("whp", hv.name());
        assertEquals(new Probe(false, false, "WHP needs Windows (this is " + OS + ")"), hv.probe());
    }

    @Test
    void kvmProbeMatchesWhatThisHostOffers() throws Exception {
        assumeTrue(OS.startsWith("Linux"), "KVM probes /dev/kvm");
        Hypervisor hv = resolve("kvm");
        assertEquals("kvm", hv.name());
        assertEquals(expectedKvmProbe(), hv.probe());
    }

    @Test
    void workerNamesWhyEachInstalledBackendCannotRunWhenChosenByName() throws Exception {
        assumeTrue(OS.startsWith("Linux"), "the reasons are Linux's");
        try (LaunchedVms vms = LaunchedVms.open()) {
            VmLaunchException e = assertThrows(VmLaunchException.class,
                    () -> vms.launch(LaunchedVms.config(new HypervisorChoice("whp", true))));
            assertEquals("hypervisor: whp is not usable here: WHP needs Windows (this is " + OS
                    + ") (it cannot be forced)", e.getMessage());

            Probe kvmProbe = expectedKvmProbe();
            assumeFalse(kvmProbe.usable(), "a usable KVM would launch");
            e = assertThrows(VmLaunchException.class, () -> vms.launch(LaunchedVms.config(HypervisorChoice.AUTO)));
            assertEquals("hypervisor: no usable backend — tried kvm (" + kvmProbe.reason() + "),"
                    + " whp (WHP needs Windows (this is " + OS + ")),"
                    + " emu (no resolver for hypervisor:emu — install or start bundle hv-emu)", e.getMessage());
        }
    }

    private Hypervisor resolve(String id) throws Exception {
        ResourceHandle handle = HandleJson.reader(HandleJson.mapper(), registry.handleTypes())
                .forType(ResourceHandle.class).readValue("{\"resource\":\"hypervisor:" + id + "\"}");
        assertEquals("hypervisor:" + id, handle.key());
        return registry.resolve(handle, Hypervisor.class, Inputs.EMPTY, "hypervisor");
    }

    /**
     * What hv-kvm must report here, worked out independently: no /dev/kvm or no access to it is
     * unusable (the failing open and errno), a CPU without vmx/svm makes a software KVM that is only
     * used when forced, vmx or svm makes it usable.
     */
    static Probe expectedKvmProbe() throws IOException {
        Path dev = Path.of("/dev/kvm");
        if (!Files.exists(dev)) {
            return Probe.unusable("open(/dev/kvm) failed: errno 2 (No such file or directory)");
        }
        if (!Files.isReadable(dev) || !Files.isWritable(dev)) {
            return Probe.unusable("open(/dev/kvm) failed: errno 13 (Permission denied)");
        }
        Set<String> flags = cpuFlags(Files.readString(Path.of("/proc/cpuinfo")));
        if (flags.contains("vmx") || flags.contains("svm")) {
            return Probe.usable("/dev/kvm (KVM API 12) on a CPU with " + (flags.contains("vmx") ? "vmx" : "svm"));
        }
        return Probe.forceOnly("host CPU has no vmx/svm: /dev/kvm is a software KVM (such as kvm_pvm), very slow;"
                + " choose it explicitly to force it");
    }

    private static Set<String> cpuFlags(String cpuinfo) {
        return cpuinfo.lines().filter(l -> l.startsWith("flags")).findFirst()
                .map(l -> Set.copyOf(Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))))
                .orElse(Set.of());
    }
}
