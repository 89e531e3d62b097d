package org.jvmm.itest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvmm.vm.config.HypervisorChoice;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.VmWorker;

/** VMs a test launched through the framework's {@link VmWorker}; {@link #close()} stops them all. */
final class LaunchedVms implements AutoCloseable {
    /** The backend of the itest-resolver bundle, chosen by name. */
    static final HypervisorChoice ITEST = new HypervisorChoice(ResolverBundle.BACKEND, false);

    private final TrackedService<VmWorker> worker;
    private final List<VmControl> vms = new CopyOnWriteArrayList<>();

    private LaunchedVms(TrackedService<VmWorker> worker) {
        this.worker = worker;
    }

    /** Waits for the worker service. */
    static LaunchedVms open() throws InterruptedException {
        return new LaunchedVms(TrackedService.await(VmWorker.class));
    }

    /** A small VM: 16 MiB, one processor, no devices, the given backend. */
    static VmConfig config(HypervisorChoice hypervisor) {
        return VmConfig.builder().memoryBytes(16L << 20).processors(1).hypervisor(hypervisor).build();
    }

    VmWorker worker() {
        return worker.get();
    }

    VmControl launch(VmConfig config) throws VmLaunchException {
        VmControl vm = worker.get().launch(config);
        vms.add(vm);
        return vm;
    }

    /** The worker's name for {@code vm} ({@code vm1}, ...), as in its {@code vm.name} property. */
    static String name(VmControl vm) {
        return vm.inspect("name").map(Object::toString).orElseThrow();
    }

    @Override
    public void close() {
        for (VmControl vm : vms) {
            VmState s = vm.state();
            if (s != VmState.STOPPED && s != VmState.STOPPING) {
                vm.stop();
            }
        }
        worker.close();
    }
}
