package org.jvmm.hv.whp.impl.emulate;

import java.util.Arrays;

/**
 * Entry points for the backend: decode the instruction the exit reported (fetching it from guest memory
 * when the hypervisor gave too few bytes), then emulate it.
 */
public final class Emulator {
    private static final int FETCH = 15;

    private Emulator() {
    }

    /** The instruction at CS:RIP whose memory operand faulted at MMIO address {@code gpa}. */
    public static Emulation mmio(byte[] reported, CpuMode mode, long gpa, EmulatorCpu cpu, EmulatorMemory memory) {
        try {
            return MmioEmulator.emulate(decode(reported, mode, cpu, memory), gpa, cpu, memory);
        } catch (Undecodable e) {
            return Emulation.failed(e.getMessage());
        }
    }

    /** The INS or OUTS instruction at CS:RIP that accessed {@code port}. */
    public static Emulation stringIo(byte[] reported, CpuMode mode, int port, EmulatorCpu cpu, EmulatorMemory memory,
            EmulatorIo io) {
        Instruction insn;
        try {
            insn = decode(reported, mode, cpu, memory);
        } catch (Undecodable e) {
            return Emulation.failed(e.getMessage());
        }
        int op = insn.opcode();
        if (op < 0x6C || op > 0x6F) {
            return Emulation.failed("string I/O exit at an instruction with opcode " + Decoder.hex(op));
        }
        return StringOps.io(insn, port, cpu, memory, io);
    }

    private static Instruction decode(byte[] reported, CpuMode mode, EmulatorCpu cpu, EmulatorMemory memory)
            throws Undecodable {
        try {
            return Decoder.decode(reported, mode);
        } catch (Decoder.DecodeException e) {
            if (!e.truncated()) {
                throw new Undecodable(e.getMessage() + " at rip 0x" + Long.toHexString(cpu.rip()));
            }
        }
        byte[] fetched = fetch(mode, cpu, memory);
        if (fetched.length <= reported.length) {
            throw new Undecodable("cannot fetch the instruction at rip 0x" + Long.toHexString(cpu.rip()));
        }
        try {
            return Decoder.decode(fetched, mode);
        } catch (Decoder.DecodeException e) {
            throw new Undecodable(e.getMessage() + " at rip 0x" + Long.toHexString(cpu.rip()));
        }
    }

    /** Up to 15 bytes at CS:RIP, stopping at the first byte that does not translate. */
    private static byte[] fetch(CpuMode mode, EmulatorCpu cpu, EmulatorMemory memory) {
        long linear = cpu.segmentBase(EmulatorCpu.CS) + cpu.rip();
        if (mode != CpuMode.BITS64) {
            linear &= 0xFFFF_FFFFL;
        }
        byte[] bytes = new byte[FETCH];
        int n = 0;
        while (n < FETCH) {
            long gpa = memory.translate(linear + n, EmulatorMemory.Access.EXECUTE);
            if (gpa < 0) {
                break;
            }
            bytes[n++] = (byte) memory.read(gpa, 1);
        }
        return Arrays.copyOf(bytes, n);
    }

    private static final class Undecodable extends Exception {
        private static final long serialVersionUID = 1L;

        Undecodable(String message) {
            super(message);
        }
    }
}
