package org.jvmm.cli.impl.spec;

import java.util.Set;

/** {@code --hypervisor name[:param,...]}: the backend to use and its parameters. */
public record HypervisorSpec(String name, Set<String> params) {
    public HypervisorSpec {
        params = Set.copyOf(params);
    }
}
