package org.jvmm.shell.impl;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.jvmm.vm.worker.SnapshotException;
import org.jvmm.vm.worker.VmControl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vm:save-snapshot DIR} (OpenVMM's name): pauses the VM, which stays paused, and writes its
 * snapshot to DIR; {@code jvmm --restore-snapshot DIR} with the same device options continues it.
 */
@Component(service = Function.class, property = {"osgi.command.scope=vm", "osgi.command.function=save-snapshot",
    "jvmm.command.description=DIR: pause and write the VM's snapshot (manifest, state, memory) to DIR"})
public class SaveSnapshotCommand implements Function {
    private final CurrentVm current;

    @Activate
    public SaveSnapshotCommand(@Reference(name = "current") CurrentVm current) {
        this.current = current;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (arguments.size() != 1) {
            return "usage: vm:save-snapshot DIR (pauses the VM and writes its snapshot to DIR)";
        }
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        Path dir = Path.of(String.valueOf(arguments.get(0))).toAbsolutePath();
        try {
            c.saveSnapshot(dir);
            return "snapshot saved to " + dir + "; the VM is paused";
        } catch (SnapshotException | RuntimeException e) {
            return "save-snapshot: " + e.getMessage();
        }
    }
}
