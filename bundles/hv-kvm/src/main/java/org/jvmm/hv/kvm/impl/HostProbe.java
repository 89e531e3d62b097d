package org.jvmm.hv.kvm.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jvmm.hv.api.Probe;
import org.jvmm.hv.kvm.impl.ffm.KvmConstants;
import org.jvmm.hv.kvm.impl.ffm.KvmDevice;
import org.jvmm.hv.kvm.impl.ffm.NativeCallException;

/**
 * Whether KVM is usable here: /dev/kvm must open with API version 12 and the capabilities the backend
 * needs, and the host CPU must advertise vmx or svm in /proc/cpuinfo. A /dev/kvm on a CPU without
 * them is a software KVM (such as {@code kvm_pvm}): correct but very slow, so it is only used when forced.
 */
final class HostProbe {
    static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** Capabilities a partition needs, by name. */
    static final List<Capability> REQUIRED = List.of(
            new Capability("KVM_CAP_USER_MEMORY", KvmConstants.KVM_CAP_USER_MEMORY),
            new Capability("KVM_CAP_SET_TSS_ADDR", KvmConstants.KVM_CAP_SET_TSS_ADDR),
            new Capability("KVM_CAP_SET_IDENTITY_MAP_ADDR", KvmConstants.KVM_CAP_SET_IDENTITY_MAP_ADDR),
            new Capability("KVM_CAP_EXT_CPUID", KvmConstants.KVM_CAP_EXT_CPUID),
            new Capability("KVM_CAP_SPLIT_IRQCHIP", KvmConstants.KVM_CAP_SPLIT_IRQCHIP),
            new Capability("KVM_CAP_IRQ_ROUTING", KvmConstants.KVM_CAP_IRQ_ROUTING),
            new Capability("KVM_CAP_SIGNAL_MSI", KvmConstants.KVM_CAP_SIGNAL_MSI),
            new Capability("KVM_CAP_IMMEDIATE_EXIT", KvmConstants.KVM_CAP_IMMEDIATE_EXIT),
            new Capability("KVM_CAP_MP_STATE", KvmConstants.KVM_CAP_MP_STATE),
            new Capability("KVM_CAP_VCPU_EVENTS", KvmConstants.KVM_CAP_VCPU_EVENTS),
            new Capability("KVM_CAP_DEBUGREGS", KvmConstants.KVM_CAP_DEBUGREGS),
            new Capability("KVM_CAP_XSAVE", KvmConstants.KVM_CAP_XSAVE));

    record Capability(String name, int number) {
    }

    /** What opening /dev/kvm showed: an error, or the API version and the missing capabilities. */
    record DeviceCheck(String error, int apiVersion, List<String> missing) {
        static DeviceCheck failed(String error) {
            return new DeviceCheck(error, 0, List.of());
        }
    }

    private HostProbe() {
    }

    static Probe probe() {
        String os = notLinux();
        if (os != null) {
            return Probe.unusable(os);
        }
        String cpuinfo;
        try {
            cpuinfo = Files.readString(CPUINFO);
        } catch (IOException e) {
            cpuinfo = "";
        }
        return decide(checkDevice(), cpuinfo);
    }

    /** Why KVM cannot exist here, or null on Linux (checked before any native call is linked). */
    static String notLinux() {
        String os = System.getProperty("os.name", "unknown");
        return os.startsWith("Linux") ? null : "KVM exists only on Linux; this is " + os;
    }

    static DeviceCheck checkDevice() {
        try (KvmDevice kvm = KvmDevice.open()) {
            List<String> missing = new ArrayList<>();
            for (Capability c : REQUIRED) {
                if (kvm.checkExtension(c.number()) <= 0) {
                    missing.add(c.name());
                }
            }
            return new DeviceCheck(null, kvm.apiVersion(), missing);
        } catch (NativeCallException e) {
            return DeviceCheck.failed(e.getMessage());
        }
    }

    static Probe decide(DeviceCheck device, String cpuinfo) {
        if (device.error() != null) {
            return Probe.unusable(device.error());
        }
        if (device.apiVersion() != KvmConstants.KVM_API_VERSION) {
            return Probe.unusable(KvmDevice.PATH + ": KVM API version " + device.apiVersion() + ", need "
                    + KvmConstants.KVM_API_VERSION);
        }
        if (!device.missing().isEmpty()) {
            return Probe.unusable(KvmDevice.PATH + ": missing " + String.join(", ", device.missing()));
        }
        Set<String> flags = cpuFlags(cpuinfo);
        if (flags.contains("vmx") || flags.contains("svm")) {
            return Probe.usable(KvmDevice.PATH + " (KVM API 12) on a CPU with "
                    + (flags.contains("vmx") ? "vmx" : "svm"));
        }
        return Probe.forceOnly("host CPU has no vmx/svm: " + KvmDevice.PATH
                + " is a software KVM (such as kvm_pvm), very slow; choose it explicitly to force it");
    }

    /** The words of the first {@code flags} line of /proc/cpuinfo. */
    static Set<String> cpuFlags(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
            }
        }
        return Set.of();
    }
}
