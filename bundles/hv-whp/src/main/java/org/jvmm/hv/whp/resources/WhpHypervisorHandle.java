package org.jvmm.hv.whp.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The Windows Hypervisor Platform backend ({@code hypervisor:whp}): hardware virtualization through
 * {@code WinHvPlatform.dll}. It has no options; the processor count and CPU model come from the
 * partition config. Usable only on Windows with the Windows Hypervisor Platform feature turned on.
 */
@HandleType(kind = "hypervisor", id = "whp")
public record WhpHypervisorHandle() implements ResourceHandle {
}
