package org.jvmm.devices.virtio.impl.fs;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.impl.fs.server.FuseServer;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedTree;
import org.jvmm.devices.virtio.resources.VirtioFsHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code virtio:virtio-fs}: the host directory must exist; requests run on a daemon thread per device. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=virtio", "vmm.resource.id=virtio-fs"})
public final class VirtioFsResolver implements ResourceResolver<VirtioFsHandle, VirtioDevice> {
    @Override
    public Class<VirtioFsHandle> handleType() {
        return VirtioFsHandle.class;
    }

    @Override
    public Class<VirtioDevice> outputType() {
        return VirtioDevice.class;
    }

    @Override
    public VirtioDevice resolve(VirtioFsHandle handle, ResolveContext ctx) throws ResolveException {
        FuseServer server;
        try {
            server = new FuseServer(Path.of(handle.path()), handle.readOnly());
        } catch (IOException | InvalidPathException e) {
            throw fail(ctx, ConfinedTree.openProblem(handle.path(), e));
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("virtio-fs-" + handle.tag()).factory());
        return new VirtioFs(handle.tag(), server, worker);
    }

    private static ResolveException fail(ResolveContext ctx, String detail) {
        return ResolveException.failed(ResourceKinds.VIRTIO, "virtio-fs", ctx.path(), detail);
    }
}
