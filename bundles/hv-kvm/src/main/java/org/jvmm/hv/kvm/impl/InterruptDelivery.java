package org.jvmm.hv.kvm.impl;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.kvm.impl.ffm.KvmVmFd;
import org.jvmm.hv.kvm.impl.ffm.NativeCallException;
import org.jvmm.hv.kvm.impl.vp.KvmVp;
import org.jvmm.inspect.InspectNode;

/**
 * Delivers the chipset's interrupt requests to the in-kernel local APICs as MSIs (fixed, lowest
 * priority, NMI, INIT, SIPI); level-triggered ones first get an EOI route ({@link GsiRoutes}). ExtINT
 * cannot travel as an MSI: the target vCPU is asked to take the PIC's vector itself. This is a guest
 * path, so a failing ioctl is counted and shown in inspect, not thrown at the device.
 */
final class InterruptDelivery {
    private static final int BROADCAST = 0xFF;

    private final KvmVmFd vm;
    private final List<KvmVp> vps;
    private final GsiRoutes routes;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong blocked = new AtomicLong();
    private final AtomicLong extInts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure = "none";

    InterruptDelivery(KvmVmFd vm, GsiRoutes routes, List<KvmVp> vps) {
        this.vm = vm;
        this.vps = vps;
        this.routes = routes;
    }

    void deliver(InterruptRequest request) {
        MsiMessage m = MsiMessage.of(request);
        if (m.deliveryMode() == MsiMessage.EXTINT) {
            extInt(m);
            return;
        }
        try {
            if (m.levelTriggered()) {
                routes.ensureEoiRoute(m);
            }
            (vm.signalMsi(m.address(), m.data()) ? delivered : blocked).incrementAndGet();
        } catch (NativeCallException e) {
            failures.incrementAndGet();
            lastFailure = request + ": " + e.getMessage();
        }
    }

    /** Physical destination = vCPU index (0xFF: all); a logical destination goes to the BSP. */
    private void extInt(MsiMessage m) {
        extInts.incrementAndGet();
        int dest = m.destination();
        for (KvmVp vp : vps) {
            boolean target = m.logical() ? vp.index() == 0 : dest == BROADCAST || dest == vp.index();
            if (target) {
                vp.requestExtInt();
            }
        }
    }

    void inspect(InspectNode node) {
        node.field("msiDelivered", delivered.get())
                .field("msiBlocked", blocked.get())
                .field("extIntRequests", extInts.get())
                .field("eoiRoutes", routes.eoiRouteCount())
                .field("irqfdRoutes", routes.irqfdRouteCount())
                .field("routingUpdates", routes.tableUpdates())
                .field("failures", failures.get())
                .field("lastFailure", lastFailure);
    }
}
