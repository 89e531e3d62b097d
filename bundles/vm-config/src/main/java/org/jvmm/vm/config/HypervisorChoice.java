package org.jvmm.vm.config;

/**
 * Which hypervisor backend to use.
 *
 * @param name  the {@code hypervisor} resource id ({@code kvm}, {@code whp}, {@code emu}), or null
 *              to pick the best available one
 * @param force use {@code name} even where it would normally be skipped (a software KVM)
 */
public record HypervisorChoice(String name, boolean force) {
    public static final HypervisorChoice AUTO = new HypervisorChoice(null, false);

    public HypervisorChoice {
        Check.optionalNotBlank(name, "hypervisor.name");
        if (force && name == null) {
            throw new IllegalArgumentException("hypervisor.force: needs a hypervisor name");
        }
    }

    /** True when the worker chooses the backend. */
    public boolean auto() {
        return name == null;
    }
}
