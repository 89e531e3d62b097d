package org.jvmm.hv.emu.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The emulator backend ({@code hypervisor:emu}): a pure-Java x86-64 CPU with local APICs, usable on
 * every host. It has no options; the CPU model and the processor count come from the partition config.
 */
@HandleType(kind = "hypervisor", id = "emu")
public record EmuHypervisorHandle() implements ResourceHandle {
}
