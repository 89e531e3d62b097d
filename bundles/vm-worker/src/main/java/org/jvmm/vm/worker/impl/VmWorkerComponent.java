package org.jvmm.vm.worker.impl;

import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.VmWorker;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link VmWorker} service. Each launched VM is registered as a {@link VmControl} service
 * with {@code vm.name} ({@code vm1}, {@code vm2}, ...) until it stops; VMs still alive when the
 * component goes away are stopped.
 */
@Component(service = VmWorker.class)
public class VmWorkerComponent implements VmWorker {
    private static final System.Logger LOG = System.getLogger(VmWorkerComponent.class.getName());

    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Launched> launched = new CopyOnWriteArrayList<>();
    private final VmLauncher launcher;
    private final BundleContext context;

    @Activate
    public VmWorkerComponent(@Reference(name = "registry") ResolverRegistry registry, BundleContext context) {
        this.launcher = new VmLauncher(registry);
        this.context = context;
    }

    @Override
    public VmControl launch(VmConfig config) throws VmLaunchException {
        String name = "vm" + sequence.incrementAndGet();
        Vm vm = launcher.launch(name, config);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(VM_NAME_PROPERTY, name);
        Launched l = new Launched(vm, context.registerService(VmControl.class, vm, props), new AtomicBoolean());
        launched.add(l);
        vm.addStateListener(s -> {
            if (s == VmState.STOPPED) {
                unregister(l);
            }
        });
        if (vm.state() == VmState.STOPPED) {
            unregister(l);
        }
        LOG.log(Level.INFO, "launched " + name + " on hypervisor " + vm.inspect("hypervisor/chosen").orElse("?"));
        return vm;
    }

    @Deactivate
    void deactivate() {
        for (Launched l : launched) {
            try {
                if (l.vm().state() != VmState.STOPPED) {
                    l.vm().stopWith("the VM worker stopped");
                }
            } catch (IllegalVmStateException e) {
                LOG.log(Level.INFO, l.vm().name() + " was already stopping: " + e.getMessage());
            }
            unregister(l);
        }
    }

    private void unregister(Launched l) {
        if (l.unregistered().compareAndSet(false, true)) {
            launched.remove(l);
            try {
                l.registration().unregister();
            } catch (IllegalStateException e) {
                LOG.log(Level.DEBUG, l.vm().name() + ": service already unregistered", e);
            }
        }
    }

    private record Launched(Vm vm, ServiceRegistration<VmControl> registration, AtomicBoolean unregistered) {
    }
}
