package org.jvmm.vm.worker.impl.lifecycle;

import static org.jvmm.vm.worker.VmState.CREATED;
import static org.jvmm.vm.worker.VmState.FAILED;
import static org.jvmm.vm.worker.VmState.PAUSED;
import static org.jvmm.vm.worker.VmState.PAUSING;
import static org.jvmm.vm.worker.VmState.RESETTING;
import static org.jvmm.vm.worker.VmState.RUNNING;
import static org.jvmm.vm.worker.VmState.STARTING;
import static org.jvmm.vm.worker.VmState.STOPPED;
import static org.jvmm.vm.worker.VmState.STOPPING;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmState;

/**
 * Every allowed state change of a VM, and nothing else. Operations are serialised by the VM, so
 * transitional states (STARTING, PAUSING, RESETTING, STOPPING) lead only to where their operation
 * ends, or to FAILED when it breaks.
 *
 * <pre>
 * CREATED   -> STARTING, STOPPING
 * STARTING  -> RUNNING, PAUSED, FAILED
 * RUNNING   -> PAUSING, RESETTING, STOPPING, FAILED
 * PAUSING   -> PAUSED, FAILED
 * PAUSED    -> RUNNING, RESETTING, STOPPING, FAILED
 * RESETTING -> RUNNING, PAUSED, FAILED
 * STOPPING  -> STOPPED
 * STOPPED   -> (terminal)
 * FAILED    -> RESETTING, STOPPING
 * </pre>
 */
public final class VmTransitions {
    private static final Map<VmState, Set<VmState>> ALLOWED = table();

    private VmTransitions() {
    }

    public static boolean allowed(VmState from, VmState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The states reachable from {@code from} in one step. */
    public static Set<VmState> from(VmState from) {
        return EnumSet.copyOf(ALLOWED.get(from));
    }

    /**
     * Checks that {@code operation} may move the VM from {@code from} to {@code to}.
     *
     * @throws IllegalVmStateException {@code cannot <operation>: VM is <state>}
     */
    public static void check(String operation, VmState from, VmState to) {
        if (!allowed(from, to)) {
            throw new IllegalVmStateException(operation, from);
        }
    }

    private static Map<VmState, Set<VmState>> table() {
        Map<VmState, Set<VmState>> t = new EnumMap<>(VmState.class);
        t.put(CREATED, EnumSet.of(STARTING, STOPPING));
        t.put(STARTING, EnumSet.of(RUNNING, PAUSED, FAILED));
        t.put(RUNNING, EnumSet.of(PAUSING, RESETTING, STOPPING, FAILED));
        t.put(PAUSING, EnumSet.of(PAUSED, FAILED));
        t.put(PAUSED, EnumSet.of(RUNNING, RESETTING, STOPPING, FAILED));
        t.put(RESETTING, EnumSet.of(RUNNING, PAUSED, FAILED));
        t.put(STOPPING, EnumSet.of(STOPPED));
        t.put(STOPPED, EnumSet.noneOf(VmState.class));
        t.put(FAILED, EnumSet.of(RESETTING, STOPPING));
        return t;
    }
}
