package org.jvmm.hv.emu.impl.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jvmm.hv.emu.impl.cpu.decode.Block;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/**
 * An optional execution history for diagnosis: the last blocks run (with how many of their
 * instructions ran) and the last exceptions and interrupts delivered, dumped with the registers when
 * a VP stops with a shutdown or an emulation failure. Off unless the system property
 * {@value #PROPERTY} names a history length or the logger {@value #LOGGER} is at TRACE; when off the
 * CPU holds no instance and does no per-block work.
 */
public final class CpuTrace {

    public static final String PROPERTY = "jvmm.emu.trace";
    public static final String LOGGER = "org.jvmm.hv.emu.trace";
    private static final int DEFAULT_LENGTH = 256;
    private static final String[] GPR = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    /** One ring of entries: a block (with how many of its instructions ran) or, where null, an event. */
    private final Block[] blocks;
    private final int[] ran;
    private final long[] events;
    private int pos;
    private boolean wrapped;

    public CpuTrace(int length) {
        int n = Math.max(1, length);
        blocks = new Block[n];
        ran = new int[n];
        events = new long[n * 4];
    }

    /** A trace when enabled by {@value #PROPERTY} or by the {@value #LOGGER} logger at TRACE, else null. */
    public static CpuTrace fromConfiguration() {
        Integer length = Integer.getInteger(PROPERTY);
        if (length != null) {
            return length > 0 ? new CpuTrace(length) : null;
        }
        return System.getLogger(LOGGER).isLoggable(System.Logger.Level.TRACE) ? new CpuTrace(DEFAULT_LENGTH) : null;
    }

    /** {@code n} instructions of {@code b} ran (the last one may have faulted). */
    void block(Block b, int n) {
        int p = pos;
        blocks[p] = b;
        ran[p] = n;
        advance();
    }

    /** An event is about to be delivered: {@code kind} as in Interrupts (exception, external, software). */
    public void event(int vector, int kind, int code, long rip, long cr2) {
        int p = pos;
        blocks[p] = null;
        events[p * 4] = vector | (long) kind << 8;
        events[p * 4 + 1] = code;
        events[p * 4 + 2] = rip;
        events[p * 4 + 3] = cr2;
        advance();
    }

    private void advance() {
        if (++pos == blocks.length) {
            pos = 0;
            wrapped = true;
        }
    }

    /** The history, oldest first, then the registers. */
    public String dump(CpuState s, MemorySegment ram) {
        StringBuilder sb = new StringBuilder("execution history (oldest first):\n");
        int n = blocks.length;
        for (int k = wrapped ? 0 : n - pos; k < n; k++) {
            int i = (pos + k) % n;
            if (blocks[i] != null) {
                appendBlock(sb, blocks[i], ran[i], ram);
            } else {
                appendEvent(sb, i);
            }
        }
        appendRegisters(sb, s);
        return sb.toString();
    }

    private static void appendBlock(StringBuilder sb, Block b, int n, MemorySegment ram) {
        for (int i = 0; i < n && i < b.count; i++) {
            Insn in = b.insns[i];
            sb.append("  ").append(Long.toHexString(in.rip)).append(": ").append(bytes(b, in, ram))
                    .append("  ").append(Op.name(in.op)).append('/').append(in.ext).append('\n');
        }
    }

    private static String bytes(Block b, Insn in, MemorySegment ram) {
        StringBuilder sb = new StringBuilder();
        long off = b.host + (in.rip - b.rip);
        for (int i = 0; i < in.len; i++) {
            long o = off + i;
            if (o < 0 || o >= ram.byteSize() || ((o ^ b.host) >>> 12) != 0) {
                sb.append(" ..");
                break;
            }
            sb.append(i == 0 ? "" : " ").append("%02x".formatted(ram.get(ValueLayout.JAVA_BYTE, o) & 0xFF));
        }
        return sb.toString();
    }

    private void appendEvent(StringBuilder sb, int i) {
        long v = events[i * 4];
        String kind = switch ((int) (v >>> 8)) {
            case 0 -> "exception";
            case 1 -> "interrupt";
            default -> "software int";
        };
        sb.append("  ** ").append(kind).append(" vector ").append(v & 0xFF).append(" code 0x")
                .append(Long.toHexString(events[i * 4 + 1] & 0xFFFF_FFFFL)).append(" rip ")
                .append(Long.toHexString(events[i * 4 + 2])).append(" cr2 ")
                .append(Long.toHexString(events[i * 4 + 3])).append('\n');
    }

    static void appendRegisters(StringBuilder sb, CpuState s) {
        for (int i = 0; i < 16; i++) {
            sb.append(i % 4 == 0 ? "  " : " ").append("%-3s=%016x".formatted(GPR[i], s.r[i]));
            if (i % 4 == 3) {
                sb.append('\n');
            }
        }
        sb.append("  rip=%016x rflags=%x cpl=%d cs=%04x ss=%04x ds=%04x es=%04x fs=%04x gs=%04x%n".formatted(
                s.rip, s.rflags(), s.cpl, s.segSel[CpuState.CS], s.segSel[CpuState.SS], s.segSel[CpuState.DS],
                s.segSel[CpuState.ES], s.segSel[CpuState.FS], s.segSel[CpuState.GS]));
        sb.append("  fsbase=%x gsbase=%x kgsbase=%x%n".formatted(s.segBase[CpuState.FS], s.segBase[CpuState.GS],
                s.kernelGsBase));
        sb.append("  cr0=%x cr2=%x cr3=%x cr4=%x efer=%x%n".formatted(s.cr0, s.cr2, s.cr3, s.cr4, s.efer));
        sb.append("  gdtr=%x/%x idtr=%x/%x tr=%04x/%x%n".formatted(s.gdtrBase, s.gdtrLimit, s.idtrBase,
                s.idtrLimit, s.trSel, s.trBase));
    }
}
