package org.jvmm.chipset.impl;

import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceKinds;

/** What every chipset-device resolver takes from its resolve context. */
public final class ChipsetResolveInputs {
    private ChipsetResolveInputs() {
    }

    /** The VM's {@link ChipsetServices} input; missing is a configuration error naming {@code kind:id}. */
    public static ChipsetServices services(ResolveContext ctx, String id) throws ResolveException {
        return ctx.input(ChipsetServices.class).orElseThrow(() -> ResolveException.failed(
                ResourceKinds.CHIPSET_DEVICE_HANDLE, id, ctx.path(),
                "no ChipsetServices input (chipset devices are resolved by the VM worker)"));
    }

    /** Resolves a device's {@code serial_handle} backend at {@code <path>.backend}. */
    public static SerialBackend backend(ResolveContext ctx, ResourceHandle backend) throws ResolveException {
        return ctx.child("backend").resolve(backend, SerialBackend.class);
    }
}
