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
 */
public record LaunchRequest(VmConfig config, boolean noShell, Optional<Path> pidfile, Optional<Path> logFile,
        Optional<Path> restoreSnapshot) {
    public LaunchRequest(VmConfig config, boolean noShell, Optional<Path> pidfile, Optional<Path> logFile) {
        this(config, noShell, pidfile, logFile, Optional.empty());
    }

    public LaunchRequest {
        Objects.requireNonNull(restoreSnapshot, "restoreSnapshot");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(pidfile, "pidfile");
        Objects.requireNonNull(logFile, "logFile");
    }
}
