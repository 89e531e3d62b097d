package org.jvmm.shell.impl;

import java.util.Map;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code vm:devices}: the VM's devices and the resources they pulled, each with its {@code kind:id},
 * the bundle that provides it and its state ({@code active}, {@code removing}, {@code removed},
 * {@code waiting-for-provider}), as device bundles are stopped and started under the VM.
 */
@Component(service = DevicesCommand.class, property = {"osgi.command.scope=vm", "osgi.command.function=devices"})
public class DevicesCommand {
    private volatile VmControl vm;

    @Reference(name = "vm", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindVm(VmControl control, Map<String, Object> properties) {
        vm = control;
    }

    void unbindVm(VmControl control) {
        if (vm == control) {
            vm = null;
        }
    }

    @Descriptor("list the VM's devices with their kind:id, providing bundle and state")
    public Object devices() {
        VmControl c = vm;
        if (c == null) {
            return VmCommands.NO_VM;
        }
        Optional<String> pausedFor = c.state() == VmState.PAUSED ? c.stopReason() : Optional.empty();
        return new DeviceListing(c.listDevices(), pausedFor, c.deviceEvents());
    }
}
