package org.jvmm.shell.impl;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code vm:} commands whose OpenVMM names have hyphens, which Java method names (what Gogo
 * looks commands up by) cannot carry: each is a Gogo {@link Function} service registered from one
 * table, with the description {@code vm:help} shows, and calls the method that does the work.
 */
@Component(service = {})
public class HyphenatedCommands {
    /** What a command does with its arguments. */
    @FunctionalInterface
    interface Action {
        Object run(List<Object> arguments) throws Exception;
    }

    /** A command: its name, its usage and description, and what it runs. */
    record Command(String name, String description, Action action) {
    }

    private final List<ServiceRegistration<Function>> registrations = new ArrayList<>();

    @Activate
    public HyphenatedCommands(BundleContext context, @Reference(name = "runtime") RuntimeCommands runtime,
            @Reference(name = "nvme") NvmeNamespaceCommands nvme, @Reference(name = "plugins") PluginCommands plugins) {
        for (Command c : table(runtime, nvme, plugins)) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("osgi.command.scope", "vm");
            properties.put("osgi.command.function", c.name());
            properties.put(HelpCommand.DESCRIPTION, c.description());
            Function function = (session, arguments) -> c.action().run(arguments);
            registrations.add(context.registerService(Function.class, function, properties));
        }
    }

    static List<Command> table(RuntimeCommands runtime, NvmeNamespaceCommands nvme, PluginCommands plugins) {
        return List.of(
                new Command("add-nvme-ns", "DISK [NSID]: add a namespace backed by DISK to the NVMe controller",
                        nvme::add),
                new Command("rm-nvme-ns", "NSID: remove an NVMe namespace (the guest is told)", nvme::remove),
                new Command("pulse-save-restore", "save every state unit and restore it in place at once",
                        runtime::pulseSaveRestore),
                new Command("clear-halt", "resume a VM that the guest halted", runtime::clearHalt),
                new Command("add-disk", "DISK,pcie_port=PORT: hot-add a virtio-blk disk behind a hot-plug PCIe port",
                        runtime::addDisk),
                new Command("rm-disk", "PORT: hot-remove the virtio-blk disk behind PORT", runtime::removeDisk),
                new Command("plugin-install", "PATH|URL: install and start a device plugin bundle (a path may end in"
                        + " a glob matching one file)", plugins::install),
                new Command("plugin-uninstall", "ID|NAME: uninstall a plugin bundle by id or symbolic name",
                        plugins::uninstall));
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }
}
