package org.jvmm.hv.emu.impl.vp;

import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;

/**
 * RDMSR and WRMSR on behalf of the host (loaders, save/restore), through the same path the guest's
 * instructions take ({@code Msrs}, then the local APIC for the MSRs it owns). Where the guest would
 * get #GP the host gets a {@link HypervisorException}; the CPU's pending-exception state is left as
 * it was.
 */
final class HostMsrAccess {
    private HostMsrAccess() {
    }

    static long read(Cpu cpu, int msr) throws HypervisorException {
        CpuState s = cpu.s;
        PendingFault saved = PendingFault.take(s);
        long value = cpu.msrs.read(msr);
        boolean gp = s.faulted();
        saved.restore(s);
        if (gp) {
            throw new HypervisorException("rdmsr 0x%x: hv-emu does not model this MSR".formatted(msr));
        }
        return value;
    }

    static void write(Cpu cpu, int msr, long value) throws HypervisorException {
        CpuState s = cpu.s;
        PendingFault saved = PendingFault.take(s);
        boolean ok = cpu.msrs.write(msr, value);
        saved.restore(s);
        if (!ok) {
            throw new HypervisorException("wrmsr 0x%x = 0x%x: hv-emu does not model this MSR or rejects the value"
                    .formatted(msr, value));
        }
    }

    /** The run-control fields an MSR access may raise #GP into. */
    private record PendingFault(int pending, int vector, int code, boolean hasCode, boolean software) {
        static PendingFault take(CpuState s) {
            PendingFault f = new PendingFault(s.pending, s.excVector, s.excCode, s.excHasCode, s.excSoftware);
            s.pending = 0;
            return f;
        }

        void restore(CpuState s) {
            s.pending = pending;
            s.excVector = vector;
            s.excCode = code;
            s.excHasCode = hasCode;
            s.excSoftware = software;
        }
    }
}
