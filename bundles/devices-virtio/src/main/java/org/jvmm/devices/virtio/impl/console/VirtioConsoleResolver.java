package org.jvmm.devices.virtio.impl.console;

import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.resources.VirtioConsoleHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code virtio:virtio-console}: resolves its {@code serial_handle} backend at {@code <path>.backend}. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=virtio", "vmm.resource.id=virtio-console"})
public final class VirtioConsoleResolver implements ResourceResolver<VirtioConsoleHandle, VirtioDevice> {
    @Override
    public Class<VirtioConsoleHandle> handleType() {
        return VirtioConsoleHandle.class;
    }

    @Override
    public Class<VirtioDevice> outputType() {
        return VirtioDevice.class;
    }

    @Override
    public VirtioDevice resolve(VirtioConsoleHandle handle, ResolveContext ctx) throws ResolveException {
        SerialBackend backend = ctx.child("backend").resolve(handle.backend(), SerialBackend.class);
        VirtioConsole console = new VirtioConsole(backend);
        backend.setWakeListener(console::pumpInput);
        return console;
    }
}
