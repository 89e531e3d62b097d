package org.jvmm.cli.impl;

import org.jvmm.chipset.resources.DebugconHandle;
import org.jvmm.cli.impl.options.CliException;
import org.jvmm.cli.impl.options.CliOptions;
import org.jvmm.vm.config.ConsoleSerialHandle;
import org.jvmm.vm.config.SerialPortConfig;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * At most one serial binding may use the console (stdin and stdout), as in OpenVMM ("console
 * already set by ..."). COM1 is on the console by default, so {@code --debugcon 0xe9,console}
 * needs {@code --com1} elsewhere. The error names the option that bound the second console, or
 * {@code --config} when the file did.
 */
final class ConsoleOwner {
    private ConsoleOwner() {
    }

    static void check(VmConfig config, CliOptions options) throws CliException {
        String owner = null;
        for (SerialPortConfig port : config.serial()) {
            if (port.backend() instanceof ConsoleSerialHandle) {
                String option = options.serial().com()[port.index()] != null ? "--com" + (port.index() + 1) : "--config";
                owner = claim(owner, port.name(), option);
            }
        }
        for (ResourceHandle device : config.chipsetDevices()) {
            if (device instanceof DebugconHandle d && d.backend() instanceof ConsoleSerialHandle) {
                owner = claim(owner, "debugcon", options.serial().debugcon() != null ? "--debugcon" : "--config");
            }
        }
    }

    private static String claim(String owner, String name, String option) throws CliException {
        if (owner != null) {
            throw new CliException(option, "console already set by " + owner);
        }
        return name;
    }
}
