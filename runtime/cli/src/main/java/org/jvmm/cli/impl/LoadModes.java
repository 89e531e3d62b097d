package org.jvmm.cli.impl;

import java.util.Optional;
import org.jvmm.cli.impl.options.BootOptions;
import org.jvmm.cli.impl.options.CliException;
import org.jvmm.vm.config.LoadMode;

/**
 * {@code --kernel}, {@code --initrd} and {@code -c} to a {@link LoadMode}. Without any of them
 * the base config's load mode stays (none without {@code --config}); {@code --initrd} and
 * {@code -c} need a kernel, from {@code --kernel} or from a Linux base config.
 */
final class LoadModes {
    private LoadModes() {
    }

    static LoadMode build(BootOptions boot, Optional<LoadMode> base) throws CliException {
        Optional<String> cmdline = ConfigBuilder.cmdline(boot.cmdline());
        if (boot.kernel() == null && boot.initrd() == null && cmdline.isEmpty() && !boot.pvh()) {
            return base.orElseGet(LoadMode.None::new);
        }
        LoadMode.LinuxDirect linux = base.orElse(null) instanceof LoadMode.LinuxDirect l ? l : null;
        if (boot.kernel() == null && linux == null) {
            throw new CliException(boot.initrd() != null ? "--initrd" : boot.pvh() ? "--pvh" : "--cmdline",
                    "needs --kernel (Linux direct boot)");
        }
        String kernel = boot.kernel() != null ? boot.kernel() : linux.kernel();
        String initrd = boot.initrd() != null ? boot.initrd() : linux == null ? null : linux.initrd();
        String line = cmdline.orElse(linux == null ? "" : linux.cmdline());
        return new LoadMode.LinuxDirect(kernel, initrd, line, boot.pvh() || linux != null && linux.pvh());
    }
}
