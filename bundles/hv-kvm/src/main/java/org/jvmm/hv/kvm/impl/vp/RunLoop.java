package org.jvmm.hv.kvm.impl.vp;

import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_FAIL_ENTRY;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_HLT;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_INTERNAL_ERROR;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_INTR;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_IO;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_IOAPIC_EOI;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_IRQ_WINDOW_OPEN;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_MMIO;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_SHUTDOWN;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_EXIT_SYSTEM_EVENT;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_SYSTEM_EVENT_WAKEUP;

import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.kvm.impl.ffm.KvmConstants;
import org.jvmm.hv.kvm.impl.ffm.KvmRun;
import org.jvmm.hv.kvm.impl.ffm.KvmVcpuFd;
import org.jvmm.hv.kvm.impl.ffm.NativeCallException;

/**
 * The vCPU loop: write back registers set while stopped, offer the PIC's interrupt, KVM_RUN, and
 * complete port I/O, MMIO and EOI exits through {@link CpuIo} until an exit that ends the run.
 * HLT never comes back here: the in-kernel local APIC sleeps in KVM_RUN until an interrupt, NMI,
 * INIT/SIPI or kick wakes it. A stop request returns {@link VpExit.Stopped} only after a KVM_RUN
 * with {@code immediate_exit} has completed any pending I/O, so the registers are then consistent.
 */
final class RunLoop {
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final VpExit.Stopped STOPPED = new VpExit.Stopped();

    private final KvmVp vp;
    private final KvmVcpuFd vcpu;
    private final KvmRun run;
    private final VpKick kick;
    private final PicLink pic;
    private final GuestIo guestIo;
    long runs;
    long eois;
    long picInjections;
    volatile int lastExitReason = -1;

    RunLoop(KvmVp vp, KvmVcpuFd vcpu, VpKick kick, PicLink pic) {
        this.vp = vp;
        this.vcpu = vcpu;
        this.run = vcpu.kvmRun();
        this.kick = kick;
        this.pic = pic;
        this.guestIo = new GuestIo(vcpu.id(), run);
    }

    VpExit run(CpuIo io) {
        try {
            vp.registers().flush();
        } catch (NativeCallException e) {
            vp.registers().invalidate();
            return new VpExit.EmulationFailure(-1, e.getMessage());
        }
        vp.registers().invalidate();
        while (true) {
            run.setImmediateExit(false);
            if (vp.stopRequested()) {
                run.setImmediateExit(true);
            }
            offerPicInterrupt(io);
            kick.beforeKvmRun();
            int rc = vcpu.run();
            kick.afterKvmRun();
            runs++;
            if (rc < 0) {
                if (rc != -EINTR && rc != -EAGAIN) {
                    return new VpExit.EmulationFailure(-1, new NativeCallException(
                            "KVM_RUN(vcpu " + vcpu.id() + ")", -rc).getMessage());
                }
                if (vp.stopRequested()) {
                    return STOPPED;
                }
                continue;
            }
            VpExit exit = dispatch(io);
            if (exit != null) {
                return exit;
            }
        }
    }

    /** Handles one exit; null to keep running. */
    private VpExit dispatch(CpuIo io) {
        int reason = run.exitReason();
        lastExitReason = reason;
        return switch (reason) {
            case KVM_EXIT_IO -> {
                guestIo.port(io);
                yield null;
            }
            case KVM_EXIT_MMIO -> {
                guestIo.mmio(io);
                yield null;
            }
            case KVM_EXIT_IOAPIC_EOI -> {
                eois++;
                io.handleEoi(run.eoiVector());
                yield null;
            }
            case KVM_EXIT_IRQ_WINDOW_OPEN, KVM_EXIT_INTR -> null;
            case KVM_EXIT_HLT -> new VpExit.Halted(vcpu.getRegs().rip());
            case KVM_EXIT_SHUTDOWN -> new VpExit.Shutdown(VpExit.ShutdownReason.TRIPLE_FAULT,
                    "KVM_EXIT_SHUTDOWN: triple fault on vcpu " + vcpu.id());
            case KVM_EXIT_FAIL_ENTRY -> failure(ExitDescriptions.failEntry(run));
            case KVM_EXIT_INTERNAL_ERROR -> failure(ExitDescriptions.internalError(run));
            case KVM_EXIT_SYSTEM_EVENT -> run.systemEventType() == KVM_SYSTEM_EVENT_WAKEUP ? null
                    : new VpExit.Shutdown(VpExit.ShutdownReason.INTERNAL_ERROR, ExitDescriptions.systemEvent(run));
            default -> failure("unexpected " + KvmConstants.exitName(reason)
                    + " (hardware exit reason 0x" + Long.toHexString(run.hardwareExitReason()) + ")");
        };
    }

    /** An exit KVM could not handle, at the guest's RIP if KVM can still tell it (else -1, saying why). */
    private VpExit failure(String detail) {
        try {
            return new VpExit.EmulationFailure(vcpu.getRegs().rip(), detail);
        } catch (NativeCallException e) {
            return new VpExit.EmulationFailure(-1, detail + "; RIP unknown: " + e.getMessage());
        }
    }

    /**
     * When the PIC (or an ExtINT request) wants this processor: if KVM says it can take an external
     * interrupt now, acknowledge the PIC and queue the vector; otherwise ask KVM to exit as soon as it can.
     */
    private void offerPicInterrupt(CpuIo io) {
        boolean want = pic.asserted() || vp.extIntRequested();
        if (want && run.readyForInterruptInjection() && run.interruptFlag()) {
            vp.clearExtIntRequest();
            int vector = pic.acknowledge(io);
            if (vector >= 0 && vcpu.interrupt(vector) == 0) {
                picInjections++;
            }
            want = pic.asserted();
        }
        run.setRequestInterruptWindow(want);
    }

    long portAccesses() {
        return guestIo.portAccesses;
    }

    long mmioAccesses() {
        return guestIo.mmioAccesses;
    }
}
