package org.jvmm.hv.emu.impl.vp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import org.jvmm.hv.api.DeviceTimer;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.emu.impl.apic.LocalApic;
import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.CpuTrace;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.Outcome;
import org.jvmm.hv.emu.impl.cpu.PhysicalMemory;

/**
 * The VP loop, on the thread that calls {@code run}: take start-up events (INIT, SIPI) from the APIC,
 * sleep while waiting for a SIPI, fire a due APIC timer, run the CPU for a slice, and map its outcome.
 * A halted processor sleeps (parks) until a kick (interrupt, NMI, INIT/SIPI), its timer deadline or a
 * stop request; it never spins. HLT with interrupts disabled and nothing else able to wake it returns
 * {@link VpExit.Halted}. Under deterministic time ({@link InstructionClock}) a halt with a timer armed
 * skips ahead to its deadline instead of sleeping. There processor 0 also runs the chipset's
 * {@link DeviceTimer}: slices end at its deadline too, it runs between slices, and a halt skips to the
 * earlier of the two deadlines (up to {@link #MAX_IDLE_SKIPS} skips in a row that wake nothing, then
 * it sleeps until a kick so that masked timers do not spin). A shutdown (triple fault) is latched until INIT,
 * reset or a register write.
 */
final class VpLoop {
    private static final System.Logger TRACE_LOG = System.getLogger(CpuTrace.LOGGER);
    private static final System.Logger LOG = System.getLogger(VpLoop.class.getName());
    enum Phase { IDLE, RUNNING, HALTED, WAITING_FOR_SIPI }

    private static final int CODE_BYTES = 15;
    /** Deterministic halts that may skip to a deadline in a row without the CPU retiring anything. */
    static final int MAX_IDLE_SKIPS = 10_000;
    /** A saved shutdown keeps this much of its detail text. */
    private static final int MAX_DETAIL = 4_000;

    private final int index;
    private final Cpu cpu;
    private final PhysicalMemory memory;
    private final SliceBudget slice;
    /** Deterministic time, or null when guest time follows the host clock. */
    private final InstructionClock instructionClock;
    private LocalApic apic;
    private volatile boolean stopRequested;
    private volatile Thread runner;
    private volatile Phase phase = Phase.IDLE;
    private volatile VpExit lastExit;
    private VpExit.Shutdown shutdown;
    /** The retired count at the last deterministic skip to a timer deadline. */
    private long retiredAtSkip = -1;
    /** Skips in a row after which the CPU had retired nothing. */
    private int idleSkips;
    /** The timer deadline the running slice was sized for (clock nanoseconds), or Long.MAX_VALUE. */
    private long sliceDeadline = Long.MAX_VALUE;
    /** Sampling of the guest's RIP ({@link GuestProfile}), or null. */
    private GuestProfile profile;

    VpLoop(int index, Cpu cpu, PhysicalMemory memory, InstructionClock instructionClock) {
        this.index = index;
        this.cpu = cpu;
        this.memory = memory;
        this.instructionClock = instructionClock;
        this.slice = new SliceBudget(instructionClock != null);
    }

    void setApic(LocalApic apic) {
        this.apic = apic;
    }

    VpExit run() {
        runner = Thread.currentThread();
        if (profile == null) {
            profile = GuestProfile.startIfAsked(index, () -> cpu.s.rip, () -> phase == Phase.RUNNING ? 0 : 1);
        }
        long startNanos = System.nanoTime();
        long startRetired = cpu.retired();
        long startCpu = LOG.isLoggable(System.Logger.Level.DEBUG) ? threadCpuNanos() : 0;
        VpExit exit;
        try {
            exit = loop();
        } catch (RuntimeException e) {
            exit = new VpExit.EmulationFailure(cpu.s.rip, "vp " + index + ": internal error " + e + where());
        } finally {
            runner = null;
            phase = Phase.IDLE;
        }
        lastExit = exit;
        if (profile != null) {
            profile.write();
        }
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            long n = cpu.retired() - startRetired;
            double secs = (System.nanoTime() - startNanos) / 1e9;
            var jit = cpu.jit();
            LOG.log(System.Logger.Level.DEBUG, ("vp %d: %s after %,d instructions in %.2f s (%.1f M/s, thread cpu %.2f s);"
                    + " %,d retired in all%s").formatted(index, exit, n, secs, n / secs / 1e6,
                    (threadCpuNanos() - startCpu) / 1e9, cpu.retired(), jit == null ? ""
                            : ("; %d blocks translated in %.2f s, %d declined, %d taken over once compiled by"
                                    + " HotSpot, %d after the longest wait").formatted(jit.translator().translated(),
                                    jit.translator().translateNanos() / 1e9, jit.translator().declined(),
                                    jit.translator().publishedCompiled(), jit.translator().publishedUncompiled())));
        }
        if (cpu.trace() != null && (exit instanceof VpExit.Shutdown || exit instanceof VpExit.EmulationFailure)) {
            TRACE_LOG.log(System.Logger.Level.WARNING, "vp " + index + ": " + exit + "\n"
                    + cpu.trace().dump(cpu.s, memory.ram()) + CodePeek.gdt(cpu.s, memory, 16));
        }
        return exit;
    }

    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        return b.isCurrentThreadCpuTimeSupported() ? b.getCurrentThreadCpuTime() : 0;
    }

    /** Something for this VP changed (an interrupt, NMI, INIT, SIPI): make it look, wake it if asleep. */
    void kick() {
        LocalApic a = apic;
        if (a != null && a.startupEventPending()) {
            cpu.requestStop(); // ends the current slice so that the loop takes the event
        } else {
            cpu.kick();
        }
        Thread t = runner;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * The guest wrote an APIC register or MSR (on this VP's thread): if that armed the timer earlier than
     * the running slice allows for, end the slice at the next block boundary so the deadline is kept.
     */
    void apicWritten() {
        if (apic.nextTimerDeadlineNanos() < sliceDeadline) {
            cpu.requestStop();
        }
    }

    /** The device timer's deadline may have moved earlier (any thread): end the slice, wake a halt. */
    void deviceTimerChanged() {
        cpu.requestStop();
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
        }
    }

    void requestStop() {
        stopRequested = true;
        cpu.requestStop();
        Thread t = runner;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    void clearStop() {
        stopRequested = false;
    }

    boolean isRunningElsewhere() {
        Thread t = runner;
        return t != null && t != Thread.currentThread();
    }

    void clearShutdown() {
        shutdown = null;
    }

    /**
     * The loop's own state for a snapshot: a latched shutdown, and under deterministic time the
     * idle-skip run (how many halts in a row skipped to a deadline, and whether nothing retired since
     * the last), which decides whether the next halt skips or sleeps.
     */
    void writeState(DataOutputStream out) throws IOException {
        out.writeBoolean(shutdown != null);
        if (shutdown != null) {
            out.writeUTF(shutdown.reason().name());
            String detail = shutdown.detail();
            out.writeUTF(detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
        }
        out.writeInt(idleSkips);
        out.writeBoolean(retiredAtSkip == cpu.retired());
    }

    /** Reads what {@link #writeState} wrote. */
    void readState(DataInputStream in) throws IOException {
        VpExit.Shutdown latched = null;
        if (in.readBoolean()) {
            String reason = in.readUTF();
            try {
                latched = new VpExit.Shutdown(VpExit.ShutdownReason.valueOf(reason), in.readUTF());
            } catch (IllegalArgumentException e) {
                throw new IOException("unknown shutdown reason " + reason, e);
            }
        }
        int skips = in.readInt();
        if (skips < 0) {
            throw new IOException("idle skip count " + skips + " is negative");
        }
        shutdown = latched;
        idleSkips = skips;
        retiredAtSkip = in.readBoolean() ? cpu.retired() : -1;
    }

    String describeState() {
        return switch (phase) {
            case IDLE -> stopRequested ? "stopped" : "idle";
            case RUNNING -> "running";
            case HALTED -> "halted";
            case WAITING_FOR_SIPI -> "waiting-for-sipi";
        };
    }

    String lastExit() {
        VpExit e = lastExit;
        return e == null ? "none" : e.toString();
    }

    private VpExit loop() {
        while (true) {
            if (stopRequested || Thread.currentThread().isInterrupted()) {
                return new VpExit.Stopped();
            }
            if (apic.startupEventPending()) {
                takeStartupEvents();
            }
            if (apic.waitingForSipi()) {
                phase = Phase.WAITING_FOR_SIPI;
                LockSupport.park(this);
                continue;
            }
            if (shutdown != null) {
                return shutdown;
            }
            phase = Phase.RUNNING;
            long toDeadline = serviceTimer();
            sliceDeadline = toDeadline == Long.MAX_VALUE ? Long.MAX_VALUE : apic.nextTimerDeadlineNanos();
            long toDevices = serviceDevices();
            if (toDevices < toDeadline) {
                toDeadline = toDevices;
                sliceDeadline = instructionClock.nanos() + toDevices;
            }
            long budget = slice.next(toDeadline);
            long retired = cpu.retired();
            long start = System.nanoTime();
            int outcome = cpu.run(budget);
            slice.record(cpu.retired() - retired, System.nanoTime() - start);
            if (outcome == Outcome.HALT) {
                VpExit halted = sleepInHalt();
                if (halted != null) {
                    return halted;
                }
            } else if (outcome == Outcome.SHUTDOWN) {
                return shutdownExit();
            }
        }
    }

    private void takeStartupEvents() {
        for (int e = apic.takeStartupEvent(); e != LocalApic.NO_EVENT; e = apic.takeStartupEvent()) {
            if (e == LocalApic.INIT_EVENT) {
                ProcessorReset.init(cpu);
                shutdown = null;
            } else {
                ProcessorReset.startAt(cpu, e);
            }
        }
    }

    /** Fires the APIC timer if due; nanoseconds to its next deadline, or Long.MAX_VALUE. */
    private long serviceTimer() {
        long deadline = apic.nextTimerDeadlineNanos();
        if (deadline == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long now = apic.nowNanos();
        if (now >= deadline) {
            apic.serviceTimer();
            deadline = apic.nextTimerDeadlineNanos();
            if (deadline == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return deadline - now;
    }

    /** The chipset's device timer when this is processor 0 under deterministic time, else null. */
    private DeviceTimer deviceTimer() {
        return index == 0 && instructionClock != null ? instructionClock.deviceTimer() : null;
    }

    /** Runs the device timer if due; nanoseconds to its next deadline (0 if due again), or Long.MAX_VALUE. */
    private long serviceDevices() {
        DeviceTimer timer = deviceTimer();
        if (timer == null) {
            return Long.MAX_VALUE;
        }
        long now = instructionClock.nanos();
        if (deviceDeadline(timer) <= now) {
            timer.run(now);
        }
        long deadline = deviceDeadline(timer);
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - now);
    }

    /** The device timer's next deadline, "as soon as possible" as 0 so that differences cannot overflow. */
    private static long deviceDeadline(DeviceTimer timer) {
        return Math.max(0, timer.nextDeadlineNanos());
    }

    /** Whether a deterministic halt may skip ahead: not after {@link #MAX_IDLE_SKIPS} that woke nothing. */
    private boolean maySkip() {
        if (cpu.retired() != retiredAtSkip) {
            idleSkips = 0;
        }
        return idleSkips < MAX_IDLE_SKIPS;
    }

    /** Sleeps until something may wake the CPU; {@link VpExit.Halted} when nothing can. */
    private VpExit sleepInHalt() {
        CpuState s = cpu.s;
        boolean nmi = apic.nmiPending() && !cpu.nmiBlocked;
        if ((s.flags & Flags.IF) == 0 && !nmi && !apic.startupEventPending()) {
            return new VpExit.Halted(s.rip);
        }
        DeviceTimer devices = deviceTimer();
        long deadline = Math.min(apic.nextTimerDeadlineNanos(),
                devices == null ? Long.MAX_VALUE : deviceDeadline(devices));
        if (instructionClock != null && deadline != Long.MAX_VALUE && (s.flags & Flags.IF) != 0
                && maySkip()) {
            // Nothing runs meanwhile: jump to the timer. If many jumps in a row woke nothing (the
            // timers' interrupts are masked), sleep until a kick instead of jumping from deadline to deadline.
            retiredAtSkip = cpu.retired();
            idleSkips++;
            instructionClock.skipTo(deadline);
            return null;
        }
        phase = Phase.HALTED;
        if (deadline == Long.MAX_VALUE) {
            LockSupport.park(this);
        } else {
            long wait = deadline - apic.nowNanos();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
        return null;
    }

    private VpExit shutdownExit() {
        String reason = cpu.shutdownReason() == null ? "shutdown" : cpu.shutdownReason();
        String detail = "vp " + index + ": " + reason + where();
        if (reason.contains("non-RAM") || cpu.emulationFailure()) {
            return new VpExit.EmulationFailure(cpu.s.rip, detail);
        }
        shutdown = new VpExit.Shutdown(VpExit.ShutdownReason.TRIPLE_FAULT, detail);
        return shutdown;
    }

    private String where() {
        CpuState s = cpu.s;
        return " at %04x:%x (linear 0x%x, %s mode), bytes: %s".formatted(s.segSel[CpuState.CS], s.rip,
                CodePeek.linearRip(s), VpInspect.mode(s), CodePeek.bytesAtRip(s, memory, CODE_BYTES));
    }
}
