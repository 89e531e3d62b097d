package org.jvmm.cli.impl.launch;

import org.jvmm.vm.config.ConsoleSerialHandle;
import org.jvmm.vm.config.VmConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.jvmm.cli.impl.LaunchRequest;
import org.jvmm.cli.impl.Launcher;
import org.jvmm.cli.impl.log.LogDestination;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.VmWorker;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Runs a {@link LaunchRequest} in the framework: log file, plugin folder ({@link PluginFolder}),
 * pid file, {@link VmWorker#launch}, start, then the interactive shell or (headless) a wait until
 * the VM ends. Launch failures are one line on stderr and exit status 1. Whether a shell will run
 * is known before the VM is built, so that the console serial backend leaves stdin to it
 * ({@link ConsoleInput}, {@link ShellRunner}); without a shell, Ctrl-Q on the console stops the VM
 * ({@link ConsoleEscape}).
 */
final class VmLauncher implements Launcher {
    static final long SERVICE_WAIT_MILLIS = 5000;
    static final long SHELL_STOP_MILLIS = 2000;

    private final BundleContext ctx;
    private final ShellTerminal.Opener terminals;

    VmLauncher(BundleContext ctx, ShellTerminal.Opener terminals) {
        this.ctx = ctx;
        this.terminals = terminals;
    }

    @Override
    public int launch(LaunchRequest request, PrintStream out, PrintStream err) {
        try {
            if (request.logFile().isPresent() && !useLogFile(request, err)) {
                return 1;
            }
            if (request.plugins().isPresent() && !PluginFolder.watch(ctx, request.plugins().get(), err)) {
                return 1;
            }
            Optional<VmWorker> worker = ServiceWait.get(ctx, VmWorker.class, SERVICE_WAIT_MILLIS);
            if (worker.isEmpty()) {
                err.println("jvmm: worker: not available (bundle org.jvmm.vm.worker is not active)");
                return 1;
            }
            try (PidFile _ = PidFile.write(request.pidfile())) {
                return run(worker.get(), request, err);
            }
        } catch (IOException e) {
            err.println("jvmm: --pidfile: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jvmm: interrupted");
            return 1;
        }
    }

    private int run(VmWorker worker, LaunchRequest request, PrintStream err)
            throws InterruptedException {
        Optional<ShellRunner> shell = shell(request, err);
        ConsoleInput.readStdin(shell.isEmpty());
        VmControl vm;
        try {
            vm = worker.launch(request.config());
        } catch (VmLaunchException e) {
            err.println("jvmm: " + e.getMessage());
            return 1;
        }
        try {
            if (request.restoreSnapshot().isPresent()) {
                vm.restoreSnapshot(request.restoreSnapshot().get());
            }
            vm.start();
            boolean shellOk = true;
            if (shell.isPresent()) {
                shellOk = runShell(shell.get(), err);
            } else {
                awaitEnd(vm, err);
            }
            int status = VmRun.exitStatus(vm, err);
            return shellOk ? status : 1;
        } catch (IllegalVmStateException e) {
            err.println("jvmm: " + e.getMessage());
            return 1;
        } catch (org.jvmm.vm.worker.SnapshotException e) {
            err.println("jvmm: --restore-snapshot: " + e.getMessage());
            return 1;
        } finally {
            VmRun.stopIfRunning(vm);
        }
    }

    /** Headless: waits for the VM to end; meanwhile Ctrl-Q on the console stops it ({@link ConsoleEscape}). */
    private void awaitEnd(VmControl vm, PrintStream err) throws InterruptedException {
        try (ConsoleEscape.Registered _ = ConsoleEscape.register(ctx, vm, err)) {
            VmRun.awaitEnd(vm);
        }
    }

    /**
     * Runs the shell; when the framework starts stopping meanwhile ({@code vm:quit}, {@code stop 0}),
     * ends it before the bundles stop, so that its terminal is restored while jvmm is still orderly.
     */
    private boolean runShell(ShellRunner shell, PrintStream err) {
        SynchronousBundleListener onFrameworkStop = event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                stopShell(shell);
            }
        };
        ctx.addBundleListener(onFrameworkStop);
        try {
            return shell.run(err);
        } finally {
            try {
                ctx.removeBundleListener(onFrameworkStop);
            } catch (IllegalStateException e) {
                // this bundle is already stopping: its listeners are removed with it
            }
        }
    }

    private static void stopShell(ShellRunner shell) {
        try {
            shell.stop(SHELL_STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The interactive shell unless {@code --no-shell}; empty (headless) when Gogo is missing. */
    private Optional<ShellRunner> shell(LaunchRequest request, PrintStream err) throws InterruptedException {
        if (request.noShell()) {
            return Optional.empty();
        }
        Optional<CommandProcessor> processor = ServiceWait.get(ctx, CommandProcessor.class, SERVICE_WAIT_MILLIS);
        Optional<Shell> shell = processor.isEmpty() ? Optional.empty()
                : ServiceWait.get(ctx, Shell.class, SERVICE_WAIT_MILLIS);
        if (shell.isEmpty()) {
            err.println("jvmm: shell: not available (bundles org.apache.felix.gogo.runtime and"
                    + " org.apache.felix.gogo.jline are not active); running headless");
            return Optional.empty();
        }
        return Optional.of(new ShellRunner(processor.get(), ShellRunner.Gosh.of(shell.get()), terminals,
                startOnConsole(request.config())));
    }

    /** The terminal starts on the guest console when a serial port is on it and the VM does not start paused. */
    static boolean startOnConsole(VmConfig config) {
        return !config.paused() && config.serial().stream().anyMatch(p -> p.backend() instanceof ConsoleSerialHandle);
    }

    private boolean useLogFile(LaunchRequest request, PrintStream err) throws InterruptedException {
        Optional<LogDestination> logs = ServiceWait.get(ctx, LogDestination.class, SERVICE_WAIT_MILLIS);
        if (logs.isEmpty()) {
            err.println("jvmm: --log-file: the log service is not available (bundle org.apache.felix.log)");
            return false;
        }
        try {
            logs.get().useFile(request.logFile().get());
            return true;
        } catch (IOException e) {
            err.println("jvmm: --log-file: cannot write " + request.logFile().get() + ": " + e.getMessage());
            return false;
        }
    }
}
