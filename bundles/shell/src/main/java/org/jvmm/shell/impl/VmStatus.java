package org.jvmm.shell.impl;

import java.util.Optional;
import org.jvmm.vm.worker.VmState;

/** What {@code vm:status} shows. */
public record VmStatus(String name, VmState state, Optional<String> reason, int processors, String memory,
        String hypervisor, String load) {

    @Override
    public String toString() {
        return name + ": " + state.description() + reason.map(r -> " (" + r + ")").orElse("") + "\n"
                + "  processors: " + processors + "\n"
                + "  memory:     " + memory + "\n"
                + "  hypervisor: " + hypervisor + "\n"
                + "  load:       " + load;
    }
}
