package org.jvmm.shell.impl;

import java.util.Map;
import java.util.Optional;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmWorker;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The VM the {@code vm:*} commands act on: the {@code VmControl} service the worker registers for a
 * launched VM, bound dynamically (a better one replaces it at once), with its name from the
 * {@value VmWorker#VM_NAME_PROPERTY} service property ({@value #DEFAULT_NAME} without one). The
 * commands take this one holder instead of each binding the VM. Public only because DS (and bnd)
 * require a public component class; the package is private to the bundle.
 */
@Component(service = CurrentVm.class)
public class CurrentVm {
    static final String DEFAULT_NAME = "vm";

    /** The current VM and its name. */
    record Vm(VmControl control, String name) {
    }

    private volatile Vm current;

    @Reference(name = "vm", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindVm(VmControl vm, Map<String, Object> properties) {
        Object name = properties.get(VmWorker.VM_NAME_PROPERTY);
        current = new Vm(vm, name == null ? DEFAULT_NAME : name.toString());
    }

    void unbindVm(VmControl vm) {
        Vm c = current;
        if (c != null && c.control() == vm) {
            current = null;
        }
    }

    /** The current VM with its name, if there is one. */
    Optional<Vm> vm() {
        return Optional.ofNullable(current);
    }

    /** The current VM, if there is one. */
    Optional<VmControl> control() {
        return vm().map(Vm::control);
    }
}
