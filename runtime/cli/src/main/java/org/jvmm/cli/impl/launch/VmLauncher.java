package org.jvmm.cli.impl.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.felix.service.command.CommandProcessor;
import org.jvmm.cli.impl.LaunchRequest;
import org.jvmm.cli.impl.Launcher;
import org.jvmm.cli.impl.log.LogDestination;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.VmWorker;
import org.osgi.framework.BundleContext;

/**
 * Runs a {@link LaunchRequest} in the framework: log file, pid file, {@link VmWorker#launch},
 * start, then the interactive shell or (headless) a wait until the VM ends. Launch failures are
 * one line on stderr and exit status 1.
 */
final class VmLauncher implements Launcher {
    static final long SERVICE_WAIT_MILLIS = 5000;

    private final BundleContext ctx;
    private final InputStream stdin;

    VmLauncher(BundleContext ctx, InputStream stdin) {
        this.ctx = ctx;
        this.stdin = stdin;
    }

    @Override
    public int launch(LaunchRequest request, PrintStream out, PrintStream err) {
        try {
            if (request.logFile().isPresent() && !useLogFile(request, err)) {
                return 1;
            }
            Optional<VmWorker> worker = ServiceWait.get(ctx, VmWorker.class, SERVICE_WAIT_MILLIS);
            if (worker.isEmpty()) {
                err.println("jvmm: worker: not available (bundle org.jvmm.vm.worker is not active)");
                return 1;
            }
            try (PidFile _ = PidFile.write(request.pidfile())) {
                return run(worker.get(), request, out, err);
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

    private int run(VmWorker worker, LaunchRequest request, PrintStream out, PrintStream err)
            throws InterruptedException {
        VmControl vm;
        try {
            vm = worker.launch(request.config());
        } catch (VmLaunchException e) {
            err.println("jvmm: " + e.getMessage());
            return 1;
        }
        try {
            vm.start();
            Optional<CommandProcessor> shell = request.noShell() ? Optional.empty()
                    : ServiceWait.get(ctx, CommandProcessor.class, SERVICE_WAIT_MILLIS);
            if (!request.noShell() && shell.isEmpty()) {
                err.println("jvmm: shell: not available (bundle org.apache.felix.gogo.runtime is not active);"
                        + " running headless");
            }
            boolean shellOk = true;
            if (shell.isPresent()) {
                shellOk = ShellRunner.run(shell.get(), stdin, out, err);
            } else {
                VmRun.awaitEnd(vm);
            }
            int status = VmRun.exitStatus(vm, err);
            return shellOk ? status : 1;
        } catch (IllegalVmStateException e) {
            err.println("jvmm: " + e.getMessage());
            return 1;
        } finally {
            VmRun.stopIfRunning(vm);
        }
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
