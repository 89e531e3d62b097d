package org.jvmm.vm.worker.impl;

import static org.jvmm.vm.worker.VmState.FAILED;
import static org.jvmm.vm.worker.VmState.PAUSED;
import static org.jvmm.vm.worker.VmState.PAUSING;
import static org.jvmm.vm.worker.VmState.RESETTING;
import static org.jvmm.vm.worker.VmState.RUNNING;
import static org.jvmm.vm.worker.VmState.STARTING;
import static org.jvmm.vm.worker.VmState.STOPPED;
import static org.jvmm.vm.worker.VmState.STOPPING;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.SnapshotException;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.graph.HotSwap;
import org.jvmm.vm.worker.impl.lifecycle.VmStateCell;
import org.jvmm.vm.worker.impl.lifecycle.VmTransitions;
import org.jvmm.vm.worker.impl.vp.VpSet;
import org.jvmm.vmm.resource.Registration;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A launched VM: its lifecycle (start, pause, resume, reset, stop, guest halts, failures). Saved-state
 * operations are in {@link VmStateOps}, device and memory access in {@link VmDeviceOps}. Operations hold
 * {@link #lock}; every wait in them is bounded by {@link #TIMEOUT}.
 */
public final class Vm implements VmControl {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(Vm.class.getName());

    private final VmStateCell state = new VmStateCell();
    private final ReentrantLock lock = new ReentrantLock();
    private final VmStateOps stateOps;
    private final GuestEvents events;
    private final VmDeviceOps deviceOps;
    /** The parts, processor threads and provider watch: replaced by {@link #restart()}. */
    private volatile VmParts parts;
    private volatile VpSet vps;
    private volatile HotSwap hotSwap;
    /** Set when a restart closed the parts and could not build them again: only the RAM is left. */
    private volatile boolean dismantled;
    private final RunReport report = new RunReport(System::nanoTime);
    private volatile OptionalInt exitStatus = OptionalInt.empty();
    /** Why the guest halted the VM (a halt action, a debug exit), while it stays paused for it. */
    private volatile String haltReason;

    Vm(VmParts parts, VmLauncher launcher) {
        this.stateOps = new VmStateOps(this, lock, state, launcher);
        this.events = new GuestEvents(this, parts.name());
        this.deviceOps = new VmDeviceOps(this, lock, state, new GuestMemoryAccess(parts.memory()));
        wire(parts);
    }

    /** Makes {@code p} the VM's parts: processor threads (not started), guest events, provider watch. */
    private void wire(VmParts p) {
        parts = p;
        vps = new VpSet(p.partition(), p.bus(), p.relay());
        p.relay().attach(events);
        p.router().onNmi(vps::wakeFromHalt);
        hotSwap = new HotSwap(p.registry(), p.devices(), p.hotPlug(), new VmHooksOf(this));
        hotSwap.start();
        p.bus().onThrow((device, e) -> events.post("contain " + device.name(), () -> contain(device, e)));
    }

    /** For a restart: makes {@code fresh} the VM's parts and starts its processor and poll threads (halted). */
    void startAgain(VmParts fresh) {
        wire(fresh);
        vps.start();
        fresh.poll().start();
    }

    /** For a restart that closed the parts and could not build them again. */
    void markDismantled() {
        dismantled = true;
    }

    /**
     * A device's I/O handler threw: a hot-added device (a plugin's) is taken out at once and reported;
     * any other stays (its failed accesses are counted and logged by the bus).
     */
    private void contain(ChipsetDevice device, RuntimeException e) {
        locked(() -> parts.hotPlug().portOf(device).ifPresent(port -> {
            String why = device.name() + " behind " + port + " threw " + e + " during guest I/O";
            parts.hotPlug().evict(port, why);
            parts.devices().forget(port);
            parts.devices().event(why + ": removed it (a faulty device bundle?); the VM goes on");
        }));
    }

    public String name() {
        return parts.name();
    }

    @Override
    public void start() {
        locked(() -> {
            state.check("start", STARTING);
            state.moveTo(STARTING);
            guarded("start", () -> {
                vps.start();
                parts.poll().start();
                if (parts.config().paused()) {
                    state.moveTo(PAUSED);
                } else {
                    runAll();
                    state.moveTo(RUNNING);
                }
            });
        });
    }

    @Override
    public void pause() {
        locked(() -> {
            state.check("pause", PAUSING);
            state.moveTo(PAUSING);
            guarded("pause", () -> {
                haltAll();
                state.moveTo(PAUSED);
            });
        });
    }

    @Override
    public void resume() {
        locked(() -> {
            if (state.get() != PAUSED) {
                throw new IllegalVmStateException("resume", state.get());
            }
            haltReason = null;
            guarded("resume", () -> {
                runAll();
                state.moveTo(RUNNING);
            });
        });
    }

    @Override
    public void reset() {
        locked(() -> {
            state.check("reset", RESETTING);
            requireParts("reset");
            VmState from = state.get();
            state.moveTo(RESETTING);
            guarded("reset", () -> {
                haltAll();
                parts.partition().reset();
                parts.bus().resetDevices();
                parts.poll().resetDeadlines();
                reload();
                if (from == PAUSED) {
                    state.moveTo(PAUSED);
                } else {
                    runAll();
                    state.moveTo(RUNNING);
                }
            });
        });
    }

    @Override
    public void stop() {
        stopWith("stopped by request");
    }

    /** Stops the VM because its guest asked jvmm to exit with {@code status}. */
    void exitWith(int status) {
        exitWith(status, "guest exit status " + status);
    }

    /** Stops the VM for {@code reason}, asking jvmm to exit with {@code status}. */
    void exitWith(int status, String reason) {
        exitStatus = OptionalInt.of(status);
        stopWith(reason);
    }

    @Override
    public OptionalInt guestExitStatus() {
        return exitStatus;
    }

    /** Stops the VM, keeping {@code reason} as its stop reason. */
    void stopWith(String reason) {
        locked(() -> {
            state.check("stop", STOPPING);
            state.moveTo(STOPPING);
            String problems = release(reason);
            state.moveTo(STOPPED, problems.isEmpty() ? reason : reason + " (" + problems + ")");
        });
    }

    /** The current parts (a restart replaces them). */
    VmParts parts() {
        return parts;
    }

    /** Posts {@code task} to the VM's control thread. */
    void post(String what, Runnable task) {
        events.post(what, task);
    }

    /** Halts the processors and moves to FAILED with {@code reason}, unless the VM is stopping or stopped. */
    void failWith(String reason) {
        locked(() -> {
            VmState s = state.get();
            if (!VmTransitions.allowed(s, FAILED)) {
                LOG.log(Level.WARNING, parts.name() + ": " + reason + " (VM is " + s.description() + ")");
                return;
            }
            String why = reason;
            try {
                haltAll();
            } catch (RuntimeException e) {
                why = why + "; " + e.getMessage();
            }
            LOG.log(Level.ERROR, parts.name() + " failed: " + why);
            state.moveTo(FAILED, why);
        });
    }

    @Override
    public void nmi(int vp) {
        if (vp < 0 || vp >= vps.size()) {
            throw new IllegalArgumentException("vp " + vp + ": the VM has " + vps.size() + " processor"
                    + (vps.size() == 1 ? "" : "s"));
        }
        locked(() -> {
            VmState s = state.get();
            if (s != RUNNING && s != PAUSED) {
                throw new IllegalVmStateException("send an NMI", s);
            }
            parts.router().nmi(vp);
        });
    }

    @Override
    public VmState state() {
        return state.get();
    }

    @Override
    public Optional<String> stopReason() {
        return state.reason().or(() -> state.get() != PAUSED ? Optional.empty()
                : Optional.ofNullable(haltReason).map(r -> "halted by the guest: " + r).or(hotSwap::pauseReason));
    }

    /** The guest's halt action (or a debug exit) paused the VM for {@code reason}; vm:clear-halt resumes. */
    void markHalted(String reason) {
        locked(() -> {
            if (state.get() == PAUSED) {
                haltReason = reason;
            }
        });
    }

    @Override
    public void clearHalt() {
        locked(() -> {
            if (state.get() != PAUSED || haltReason == null) {
                throw new IllegalStateException("the VM is not halted by the guest (state " + state.get()
                        + "); vm:clear-halt resumes a VM that a guest halt action or debug exit paused");
            }
            resume();
        });
    }

    @Override
    public void pulseSaveRestore() throws SnapshotException {
        stateOps.pulseSaveRestore();
    }

    /** Saves, closes and builds the VM's parts again around the same RAM (see {@link VmStateOps#restart}). */
    @Override
    public void restart() throws SnapshotException {
        stateOps.restart();
    }

    @Override
    public void saveSnapshot(Path dir) throws SnapshotException {
        stateOps.saveSnapshot(dir);
    }

    @Override
    public void restoreSnapshot(Path dir) throws SnapshotException {
        stateOps.restoreSnapshot(dir);
    }

    @Override
    public List<VmDevice> listDevices() {
        return parts.devices().rows();
    }

    @Override
    public List<String> deviceEvents() {
        return parts.devices().events();
    }

    @Override
    public boolean awaitStopped(Duration timeout) {
        return state.await(STOPPED, timeout);
    }

    @Override
    public <T> List<T> devices(Class<T> type) {
        return parts.bus().devices().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public <T> T resolve(ResourceHandle handle, Class<T> type) {
        return deviceOps.resolve(handle, type);
    }

    @Override
    public String addPciDevice(String port, ResourceHandle device) {
        return deviceOps.addPciDevice(port, device);
    }

    @Override
    public void removePciDevice(String port) {
        deviceOps.removePciDevice(port);
    }

    @Override
    public byte[] readMemory(long gpa, int len) {
        return deviceOps.readMemory(gpa, len);
    }

    @Override
    public void writeMemory(long gpa, byte[] data) {
        deviceOps.writeMemory(gpa, data);
    }

    @Override
    public InspectNode inspect() {
        return lockedGet(() -> new VmInspector(parts, state, vps, events).inspect());
    }

    @Override
    public Optional<Object> inspect(String path) {
        return inspect().at(path);
    }

    @Override
    public VmConfig config() {
        return parts.config();
    }

    @Override
    public Registration addStateListener(Consumer<VmState> listener) {
        return state.addListener(listener);
    }

    private void requireParts(String operation) {
        if (dismantled) {
            throw new IllegalVmStateException(operation + " (a failed restart closed the VM's parts)", state.get());
        }
    }

    void runAll() {
        parts.clock().resume();
        parts.poll().resume();
        vps.resumeAll();
        report.resumed();
    }

    private void haltAll() {
        vps.pauseAll(TIMEOUT);
        report.halted();
        if (!parts.poll().pause(TIMEOUT)) {
            throw new IllegalStateException("the device poll thread did not pause within " + TIMEOUT.toMillis() + " ms");
        }
        parts.clock().pause();
    }

    private void reload() {
        try {
            VmLauncher.load(parts.loader(), parts.boot(), parts.config());
        } catch (VmLaunchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Ends the threads, logs the stop line with {@code reason}, and closes partition, memory and
     * registry; returns what went wrong, or "".
     */
    private String release(String reason) {
        if (dismantled) {
            events.shutdown();
            return new PartsCloser(parts).closeMemory().problems();
        }
        List<Integer> alive = vps.stopAll(TIMEOUT);
        report.halted();
        if (LOG.isLoggable(Level.INFO)) {
            LOG.log(Level.INFO, report.stopLine(parts.name(), reason, parts.partition()));
        }
        PartsCloser closer = new PartsCloser(parts).closeParts(alive, hotSwap, TIMEOUT);
        events.shutdown();
        if (alive.isEmpty()) {
            closer.closeMemory();
        }
        return closer.problems();
    }

    /** For a restart: ends the threads and closes everything but the RAM and the guest event thread. */
    String dismantle() {
        List<Integer> alive = vps.stopAll(TIMEOUT);
        report.halted();
        return new PartsCloser(parts).closeParts(alive, hotSwap, TIMEOUT).problems();
    }

    /** Runs {@code step}; a failure moves the VM to FAILED and is rethrown naming the operation. */
    private void guarded(String operation, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            String reason = operation + " failed: " + e.getMessage();
            failWith(reason);
            throw new IllegalStateException(reason, e);
        }
    }

    private void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    <T> T lockedGet(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
