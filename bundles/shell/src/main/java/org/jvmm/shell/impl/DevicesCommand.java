package org.jvmm.shell.impl;

import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vm:devices}: the VM's devices and the resources they pulled, each with its {@code kind:id},
 * the bundle that provides it and its state ({@code active}, {@code removing}, {@code removed},
 * {@code waiting-for-provider}), as device bundles are stopped and started under the VM.
 */
@Component(service = DevicesCommand.class, property = {"osgi.command.scope=vm", "osgi.command.function=devices"})
public class DevicesCommand {
    private final CurrentVm current;

    @Activate
    public DevicesCommand(@Reference(name = "current") CurrentVm current) {
        this.current = current;
    }

    @Descriptor("list the VM's devices with their kind:id, providing bundle and state")
    public Object devices() {
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        Optional<String> pausedFor = c.state() == VmState.PAUSED ? c.stopReason() : Optional.empty();
        return new DeviceListing(c.listDevices(), pausedFor, c.deviceEvents());
    }
}
