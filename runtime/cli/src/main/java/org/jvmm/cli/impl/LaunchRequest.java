package org.jvmm.cli.impl;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jvmm.vm.config.VmConfig;

/**
 * A VM to run and how the process runs it.
 *
 * @param config  the VM
 * @param noShell headless: no interactive shell; the process ends when the VM stops
 * @param pidfile where to write the process id while running
 * @param logFile where log output goes instead of stderr
 * @param restoreSnapshot the snapshot to restore before the VM starts
 * @param plugins the folder watched for plugin bundles ({@code --plugins})
 */
public record LaunchRequest(VmConfig config, boolean noShell, Optional<Path> pidfile, Optional<Path> logFile,
        Optional<Path> restoreSnapshot, Optional<Path> plugins) {
    public LaunchRequest(VmConfig config, boolean noShell, Optional<Path> pidfile, Optional<Path> logFile) {
        this(config, noShell, pidfile, logFile, Optional.empty(), Optional.empty());
    }

    public LaunchRequest {
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(restoreSnapshot, "restoreSnapshot");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(pidfile, "pidfile");
        Objects.requireNonNull(logFile, "logFile");
    }
}
