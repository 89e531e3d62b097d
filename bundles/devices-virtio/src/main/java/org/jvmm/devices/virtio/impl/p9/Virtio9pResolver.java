package org.jvmm.devices.virtio.impl.p9;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedTree;
import org.jvmm.devices.virtio.impl.p9.server.P9Server;
import org.jvmm.devices.virtio.resources.Virtio9pHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code virtio:virtio-9p}: the host directory must exist; requests run on a daemon thread per device. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=virtio", "vmm.resource.id=virtio-9p"})
public final class Virtio9pResolver implements ResourceResolver<Virtio9pHandle, VirtioDevice> {
    @Override
    public Class<Virtio9pHandle> handleType() {
        return Virtio9pHandle.class;
    }

    @Override
    public Class<VirtioDevice> outputType() {
        return VirtioDevice.class;
    }

    @Override
    public VirtioDevice resolve(Virtio9pHandle handle, ResolveContext ctx) throws ResolveException {
        P9Server server;
        try {
            server = new P9Server(Path.of(handle.path()), handle.readOnly());
        } catch (IOException | InvalidPathException e) {
            throw fail(ctx, ConfinedTree.openProblem(handle.path(), e));
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("virtio-9p-" + handle.tag()).factory());
        return new Virtio9p(handle.tag(), server, worker);
    }

    private static ResolveException fail(ResolveContext ctx, String detail) {
        return ResolveException.failed(ResourceKinds.VIRTIO, "virtio-9p", ctx.path(), detail);
    }
}
