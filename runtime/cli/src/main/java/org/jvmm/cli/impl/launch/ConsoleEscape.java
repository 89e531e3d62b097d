package org.jvmm.cli.impl.launch;

import java.io.PrintStream;
import java.util.Dictionary;
import java.util.Hashtable;
import org.jvmm.vm.worker.VmControl;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The user's way out of a {@code --no-shell} run, as in OpenVMM and QEMU: while the {@code console}
 * serial backend has the terminal in raw mode (Ctrl-C goes to the guest), Ctrl-Q stops the VM and
 * jvmm exits. The backend reads the bytes and calls the {@code java.lang.Runnable} service
 * registered with {@value #PROPERTY}{@code =}{@value #CTRL_Q} (the chipset's
 * {@code ConsoleSerialResolver} documents the contract), after restoring the terminal; the
 * launcher registers one for the time the VM runs.
 */
final class ConsoleEscape {
    /** The service property the console backend looks for ({@code ConsoleSerialResolver.ESCAPE_PROPERTY}). */
    static final String PROPERTY = "jvmm.console.escape";
    /** Its value for the Ctrl-Q handler ({@code ConsoleSerialResolver.ESCAPE_CTRL_Q}). */
    static final String CTRL_Q = "ctrl-q";
    static final String MESSAGE = "jvmm: Ctrl-Q: stopping the VM";

    /** The registered handler; {@link #close} unregisters it. */
    interface Registered extends AutoCloseable {
        @Override
        void close();
    }

    private ConsoleEscape() {
    }

    /** Registers {@link #stopper} for {@code vm}; closing the result unregisters it. */
    static Registered register(BundleContext ctx, VmControl vm, PrintStream err) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PROPERTY, CTRL_Q);
        ServiceRegistration<Runnable> reg = ctx.registerService(Runnable.class, stopper(vm, err), props);
        return () -> {
            try {
                reg.unregister();
            } catch (IllegalStateException e) {
                // this bundle is already stopping: its services are unregistered with it
            }
        };
    }

    /**
     * Says so on {@code err} (on a line of its own: the guest's prompt may have left the cursor
     * mid-line) and stops the VM unless it is already ending, which ends the launcher's wait.
     */
    static Runnable stopper(VmControl vm, PrintStream err) {
        return () -> {
            err.println();
            err.println(MESSAGE);
            VmRun.stopIfRunning(vm);
        };
    }
}
