package org.jvmm.shell.impl;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo functions whose OpenVMM names have hyphens, which Java method names cannot. */
final class HyphenatedCommand {
    private HyphenatedCommand() {
    }

    /** {@code vm:add-nvme-ns DISK [NSID]}. */
    @Component(service = Function.class, property = {"osgi.command.scope=vm", "osgi.command.function=add-nvme-ns",
    "jvmm.command.description=add-nvme-ns DISK [NSID]: add a namespace backed by DISK to the NVMe controller"})
    public static final class AddNvmeNamespace implements Function {
        private final NvmeNamespaceCommands commands;

        @Activate
        public AddNvmeNamespace(@Reference(name = "commands") NvmeNamespaceCommands commands) {
            this.commands = commands;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) throws Exception {
            return commands.add(arguments);
        }
    }

    /** {@code vm:rm-nvme-ns NSID}. */
    @Component(service = Function.class, property = {"osgi.command.scope=vm", "osgi.command.function=rm-nvme-ns",
    "jvmm.command.description=rm-nvme-ns NSID: remove an NVMe namespace (the guest is told)"})
    public static final class RemoveNvmeNamespace implements Function {
        private final NvmeNamespaceCommands commands;

        @Activate
        public RemoveNvmeNamespace(@Reference(name = "commands") NvmeNamespaceCommands commands) {
            this.commands = commands;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) throws Exception {
            return commands.remove(arguments);
        }
    }

    /** {@code vm:pulse-save-restore}. */
    @Component(service = Function.class, property = {"osgi.command.scope=vm",
        "osgi.command.function=pulse-save-restore",
    "jvmm.command.description=pulse-save-restore: save every state unit and restore it in place at once"})
    public static final class PulseSaveRestore implements Function {
        private final RuntimeCommands commands;

        @Activate
        public PulseSaveRestore(@Reference(name = "commands") RuntimeCommands commands) {
            this.commands = commands;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) {
            return commands.pulseSaveRestore(arguments);
        }
    }

    /** {@code vm:clear-halt}. */
    @Component(service = Function.class, property = {"osgi.command.scope=vm", "osgi.command.function=clear-halt",
    "jvmm.command.description=clear-halt: resume a VM that the guest halted"})
    public static final class ClearHalt implements Function {
        private final RuntimeCommands commands;

        @Activate
        public ClearHalt(@Reference(name = "commands") RuntimeCommands commands) {
            this.commands = commands;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) {
            return commands.clearHalt(arguments);
        }
    }

    /** {@code vm:add-disk DISK,pcie_port=PORT}. */
    @Component(service = Function.class, property = {"osgi.command.scope=vm", "osgi.command.function=add-disk",
    "jvmm.command.description=add-disk DISK,pcie_port=PORT: hot-add a virtio-blk disk behind a hot-plug PCIe port"})
    public static final class AddDisk implements Function {
        private final RuntimeCommands commands;

        @Activate
        public AddDisk(@Reference(name = "commands") RuntimeCommands commands) {
            this.commands = commands;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) {
            return commands.addDisk(arguments);
        }
    }

    /** {@code vm:rm-disk PORT}. */
    @Component(service = Function.class, property = {"osgi.command.scope=vm", "osgi.command.function=rm-disk",
    "jvmm.command.description=rm-disk PORT: hot-remove the virtio-blk disk behind PORT"})
    public static final class RemoveDisk implements Function {
        private final RuntimeCommands commands;

        @Activate
        public RemoveDisk(@Reference(name = "commands") RuntimeCommands commands) {
            this.commands = commands;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) {
            return commands.removeDisk(arguments);
        }
    }
}
