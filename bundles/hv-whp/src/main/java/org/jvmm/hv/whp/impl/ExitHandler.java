package org.jvmm.hv.whp.impl;

import static org.jvmm.hv.whp.impl.ffm.RegisterNames.*;

import java.util.function.BooleanSupplier;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.whp.impl.emulate.CpuMode;
import org.jvmm.hv.whp.impl.emulate.Emulation;
import org.jvmm.hv.whp.impl.emulate.Emulator;
import org.jvmm.hv.whp.impl.emulate.Operands;
import org.jvmm.hv.whp.impl.ffm.VpCalls;
import org.jvmm.hv.whp.impl.ffm.VpContext;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;
import org.jvmm.hv.whp.impl.ffm.WhpException;
import org.jvmm.hv.whp.impl.ffm.WhpExit;

/**
 * Handles one WHP exit on the processor's thread: port I/O and MMIO go to the chipset (MMIO and string
 * I/O through the instruction emulator), CPUID and unhandled MSRs are answered here, the interrupt
 * window and EOIs feed the interrupt logic. Returns the hv-api exit that ends {@code run}, or null to
 * enter the guest again.
 */
final class ExitHandler {
    private static final int[] RIP = {WHvX64RegisterRip};
    private static final int[] RAX_RIP = {WHvX64RegisterRax, WHvX64RegisterRip};
    private static final int[] MSR_READ = {WHvX64RegisterRax, WHvX64RegisterRdx, WHvX64RegisterRip};
    private static final int[] CPUID = {WHvX64RegisterRax, WHvX64RegisterRbx, WHvX64RegisterRcx, WHvX64RegisterRdx,
        WHvX64RegisterRip};
    private static final int[] DR7 = {WHvX64RegisterDr7};
    private static final long RFLAGS_VM = 1L << 17;
    private static final long DR6_SINGLE_STEP = 1L << 14;
    /** CPUID, RDMSR and WRMSR are two bytes long. */
    private static final int TWO_BYTE_INSTRUCTION = 2;

    private final int index;
    private final VpCalls calls;
    private final VpRegisters registers;
    private final GuestBus bus;
    private final ExtIntInjector injector;
    private final CpuidPolicy cpuid;
    private final ExitCounts counts;
    private final BooleanSupplier stopRequested;

    ExitHandler(int index, VpCalls calls, GuestBus bus, ExtIntInjector injector, CpuidPolicy cpuid, ExitCounts counts,
            BooleanSupplier stopRequested) {
        this.index = index;
        this.calls = calls;
        this.registers = new VpRegisters(calls);
        this.bus = bus;
        this.injector = injector;
        this.cpuid = cpuid;
        this.counts = counts;
        this.stopRequested = stopRequested;
    }

    VpExit handle(WhpExit exit, CpuIo io) throws WhpException {
        counts.count(exit);
        injector.afterExit(exit.vp());
        long rip = exit.vp().rip();
        return switch (exit) {
            case WhpExit.MemoryAccess m -> mmio(m, io);
            case WhpExit.IoPort p -> p.string() ? stringIo(p, io) : portIo(p, io);
            case WhpExit.Halt h -> h.vp().interruptsEnabled() ? null : new VpExit.Halted(rip);
            case WhpExit.Cpuid c -> cpuid(c);
            case WhpExit.MsrAccess m -> msr(m);
            case WhpExit.InterruptWindow w -> {
                injector.windowOpened(w.vp());
                yield null;
            }
            case WhpExit.ApicEoi e -> {
                io.handleEoi(e.vector());
                yield null;
            }
            case WhpExit.GuestException e -> exception(e);
            case WhpExit.Unrecoverable u -> new VpExit.Shutdown(VpExit.ShutdownReason.TRIPLE_FAULT,
                    "processor " + index + ": unrecoverable exception (triple fault) at rip 0x" + Long.toHexString(rip));
            case WhpExit.InvalidRegisterValue r -> new VpExit.Shutdown(VpExit.ShutdownReason.INTERNAL_ERROR,
                    "processor " + index + ": WHP found an invalid register value at rip 0x" + Long.toHexString(rip));
            case WhpExit.UnsupportedFeature f -> new VpExit.EmulationFailure(rip, "WHP does not support what the "
                    + "guest did (feature code " + f.featureCode() + ", parameter 0x" + Long.toHexString(f.parameter())
                    + ")");
            case WhpExit.Canceled c -> stopRequested.getAsBoolean() ? new VpExit.Stopped() : null;
            case WhpExit.Other o -> new VpExit.EmulationFailure(rip, "unexpected WHP exit reason 0x"
                    + Integer.toHexString(o.reason()));
        };
    }

    static CpuMode mode(VpContext vp) {
        return CpuMode.of(vp.protectedMode(), vp.longModeActive(), vp.cs().longMode(), vp.cs().defaultBig(),
                (vp.rflags() & RFLAGS_VM) != 0);
    }

    private VpExit mmio(WhpExit.MemoryAccess m, CpuIo io) throws WhpException {
        registers.load();
        bus.begin(io);
        Emulation e = Emulator.mmio(m.instruction(), mode(m.vp()), m.gpa(), registers, bus);
        if (!e.ok()) {
            return new VpExit.EmulationFailure(m.vp().rip(), "MMIO %s at 0x%x: %s%s".formatted(
                    m.isWrite() ? "write" : m.accessType() == WhpCodes.WHvMemoryAccessExecute ? "execute" : "read",
                    m.gpa(), e.detail(), bus.callFailureSuffix()));
        }
        registers.flush();
        return null;
    }

    private VpExit stringIo(WhpExit.IoPort p, CpuIo io) throws WhpException {
        registers.load();
        bus.begin(io);
        Emulation e = Emulator.stringIo(p.instruction(), mode(p.vp()), p.port(), registers, bus, bus);
        if (!e.ok()) {
            return new VpExit.EmulationFailure(p.vp().rip(), "string I/O on port 0x%x: %s%s".formatted(
                    p.port(), e.detail(), bus.callFailureSuffix()));
        }
        registers.flush();
        return null;
    }

    private VpExit portIo(WhpExit.IoPort p, CpuIo io) throws WhpException {
        int length = ioLength(p);
        if (length == 0) {
            return new VpExit.EmulationFailure(p.vp().rip(), "port I/O on 0x%x: instruction length unknown"
                    .formatted(p.port()));
        }
        long next = p.vp().rip() + length;
        if (p.write()) {
            io.ioWrite(index, p.port(), p.size(), p.rax() & mask(p.size()));
            calls.setRegisters(RIP, RegisterCodec.lows(next));
        } else {
            long value = io.ioRead(index, p.port(), p.size()) & mask(p.size());
            calls.setRegisters(RAX_RIP, RegisterCodec.lows(Operands.merge(p.rax(), p.size(), value), next));
        }
        return null;
    }

    /** The exit's instruction length, or from the bytes: prefixes, the opcode, an imm8 port for E4-E7. */
    static int ioLength(WhpExit.IoPort p) {
        if (p.vp().instructionLength() != 0) {
            return p.vp().instructionLength();
        }
        byte[] b = p.instruction();
        for (int i = 0; i < b.length; i++) {
            int op = b[i] & 0xFF;
            if (op >= 0xE4 && op <= 0xE7) {
                return i + 2;
            }
            if (op >= 0xEC && op <= 0xEF) {
                return i + 1;
            }
        }
        return 0;
    }

    private VpExit cpuid(WhpExit.Cpuid c) throws WhpException {
        long[] r = cpuid.answer(c);
        calls.setRegisters(CPUID, RegisterCodec.lows(r[0], r[1], r[2], r[3], next(c.vp())));
        return null;
    }

    /** An MSR the hypervisor does not implement: reads return 0, writes are dropped (as QEMU's WHPX does). */
    private VpExit msr(WhpExit.MsrAccess m) throws WhpException {
        counts.unhandledMsr(m.msr());
        if (m.write()) {
            calls.setRegisters(RIP, RegisterCodec.lows(next(m.vp())));
        } else {
            calls.setRegisters(MSR_READ, RegisterCodec.lows(0, 0, next(m.vp())));
        }
        return null;
    }

    private static long next(VpContext vp) {
        return vp.rip() + (vp.instructionLength() != 0 ? vp.instructionLength() : TWO_BYTE_INSTRUCTION);
    }

    private VpExit exception(WhpExit.GuestException e) throws WhpException {
        long rip = e.vp().rip();
        return switch (e.type()) {
            case WhpCodes.WHvX64ExceptionTypeBreakpointTrap -> new VpExit.Debug(VpExit.DebugReason.BREAKPOINT, rip);
            case WhpCodes.WHvX64ExceptionTypeDebugTrapOrFault -> new VpExit.Debug(debugReason(e.parameter()), rip);
            default -> new VpExit.EmulationFailure(rip, "intercepted exception vector " + e.type()
                    + (e.errorCodeValid() ? " error code 0x" + Integer.toHexString(e.errorCode()) : ""));
        };
    }

    /**
     * From the pending DR6 bits: single step (BS), or hardware breakpoint i (B0-B3: a breakpoint when DR7
     * says execute, else a watchpoint), or any other #DB (ICEBP, general detect) as a breakpoint.
     */
    private VpExit.DebugReason debugReason(long dr6) throws WhpException {
        if ((dr6 & DR6_SINGLE_STEP) != 0) {
            return VpExit.DebugReason.SINGLE_STEP;
        }
        if ((dr6 & 0xF) == 0) {
            return VpExit.DebugReason.BREAKPOINT;
        }
        long[] v = new long[2];
        calls.getRegisters(DR7, v);
        int i = Long.numberOfTrailingZeros(dr6 & 0xF);
        long rw = (v[0] >>> (16 + 4 * i)) & 3;
        return rw == 0 ? VpExit.DebugReason.BREAKPOINT : VpExit.DebugReason.WATCHPOINT;
    }

    private static long mask(int size) {
        return size >= 8 ? -1L : (1L << (8 * size)) - 1;
    }
}
