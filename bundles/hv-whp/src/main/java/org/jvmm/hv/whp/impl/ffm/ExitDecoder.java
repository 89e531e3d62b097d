package org.jvmm.hv.whp.impl.ffm;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.jvmm.hv.whp.impl.ffm.WhpLayouts.EXIT_CONTEXT;
import static org.jvmm.hv.whp.impl.ffm.WhpLayouts.EXIT_UNION;
import static org.jvmm.hv.whp.impl.ffm.WhpLayouts.offset;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jvmm.hv.api.Segment;

/**
 * Decodes the bytes of a {@code WHV_RUN_VP_EXIT_CONTEXT} (as WHvRunVirtualProcessor wrote them) into a
 * {@link WhpExit}. Reads only at offsets taken from {@link WhpLayouts}; works on any segment of at least
 * {@code EXIT_CONTEXT.byteSize()} bytes, native or heap.
 */
public final class ExitDecoder {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final int MAX_INSN = 16;

    private static final long REASON = offset(EXIT_CONTEXT, "ExitReason");
    private static final long VP = offset(EXIT_CONTEXT, "VpContext");
    private static final long VP_STATE = VP + offset(WhpLayouts.VP_CONTEXT, "ExecutionState");
    private static final long VP_BITS = VP + BitFields.VP_INSTRUCTION_LENGTH.byteOffset();
    private static final long VP_CS = VP + offset(WhpLayouts.VP_CONTEXT, "Cs");
    private static final long VP_RIP = VP + offset(WhpLayouts.VP_CONTEXT, "Rip");
    private static final long VP_RFLAGS = VP + offset(WhpLayouts.VP_CONTEXT, "Rflags");

    private static final long SEG_BASE = offset(WhpLayouts.SEGMENT, "Base");
    private static final long SEG_LIMIT = offset(WhpLayouts.SEGMENT, "Limit");
    private static final long SEG_SELECTOR = offset(WhpLayouts.SEGMENT, "Selector");
    private static final long SEG_ATTRIBUTES = offset(WhpLayouts.SEGMENT, "Attributes");

    private static final long MEM_INFO = u(WhpLayouts.MEMORY_ACCESS, "AccessInfo");
    private static final long MEM_GPA = u(WhpLayouts.MEMORY_ACCESS, "Gpa");
    private static final long MEM_GVA = u(WhpLayouts.MEMORY_ACCESS, "Gva");

    private static final long IO_INFO = u(WhpLayouts.IO_PORT_ACCESS, "AccessInfo");
    private static final long IO_PORT = u(WhpLayouts.IO_PORT_ACCESS, "PortNumber");
    private static final long IO_RAX = u(WhpLayouts.IO_PORT_ACCESS, "Rax");
    private static final long IO_RCX = u(WhpLayouts.IO_PORT_ACCESS, "Rcx");
    private static final long IO_RSI = u(WhpLayouts.IO_PORT_ACCESS, "Rsi");
    private static final long IO_RDI = u(WhpLayouts.IO_PORT_ACCESS, "Rdi");
    private static final long IO_DS = u(WhpLayouts.IO_PORT_ACCESS, "Ds");
    private static final long IO_ES = u(WhpLayouts.IO_PORT_ACCESS, "Es");

    private static final String[] CPUID_MEMBERS = {"Rax", "Rcx", "Rdx", "Rbx",
        "DefaultResultRax", "DefaultResultRcx", "DefaultResultRdx", "DefaultResultRbx"};
    private static final long[] CPUID = new long[CPUID_MEMBERS.length];
    /** Where the instruction byte count and the bytes are, per context that carries them. */
    private static final long[] MEM_INSN = instructionAt(WhpLayouts.MEMORY_ACCESS);
    private static final long[] IO_INSN = instructionAt(WhpLayouts.IO_PORT_ACCESS);
    private static final long[] EXC_INSN = instructionAt(WhpLayouts.EXCEPTION);

    static {
        for (int i = 0; i < CPUID.length; i++) {
            CPUID[i] = u(WhpLayouts.CPUID_ACCESS, CPUID_MEMBERS[i]);
        }
    }
    private static final long MSR_INFO = u(WhpLayouts.MSR_ACCESS, "AccessInfo");
    private static final long MSR_NUMBER = u(WhpLayouts.MSR_ACCESS, "MsrNumber");
    private static final long MSR_RAX = u(WhpLayouts.MSR_ACCESS, "Rax");
    private static final long MSR_RDX = u(WhpLayouts.MSR_ACCESS, "Rdx");

    private static final long EXC_INFO = u(WhpLayouts.EXCEPTION, "ExceptionInfo");
    private static final long EXC_TYPE = u(WhpLayouts.EXCEPTION, "ExceptionType");
    private static final long EXC_ERROR = u(WhpLayouts.EXCEPTION, "ErrorCode");
    private static final long EXC_PARAMETER = u(WhpLayouts.EXCEPTION, "ExceptionParameter");

    private static final long WINDOW_TYPE = u(WhpLayouts.INTERRUPT_WINDOW, "DeliverableType");
    private static final long EOI_VECTOR = u(WhpLayouts.APIC_EOI, "InterruptVector");
    private static final long FEATURE_CODE = u(WhpLayouts.UNSUPPORTED_FEATURE, "FeatureCode");
    private static final long FEATURE_PARAMETER = u(WhpLayouts.UNSUPPORTED_FEATURE, "FeatureParameter");
    private static final long CANCEL_REASON = u(WhpLayouts.CANCELED, "CancelReason");

    private ExitDecoder() {
    }

    public static WhpExit decode(MemorySegment ctx) {
        if (ctx.byteSize() < EXIT_CONTEXT.byteSize()) {
            throw new IllegalArgumentException("exit context needs " + EXIT_CONTEXT.byteSize() + " bytes, got "
                    + ctx.byteSize());
        }
        int reason = ctx.get(U32, REASON);
        VpContext vp = vpContext(ctx);
        return switch (reason) {
            case ExitReasons.WHvRunVpExitReasonMemoryAccess -> memoryAccess(ctx, vp);
            case ExitReasons.WHvRunVpExitReasonX64IoPortAccess -> ioPort(ctx, vp);
            case ExitReasons.WHvRunVpExitReasonX64Halt -> new WhpExit.Halt(vp);
            case ExitReasons.WHvRunVpExitReasonX64Cpuid -> cpuid(ctx, vp);
            case ExitReasons.WHvRunVpExitReasonX64MsrAccess -> msr(ctx, vp);
            case ExitReasons.WHvRunVpExitReasonX64InterruptWindow ->
                    new WhpExit.InterruptWindow(vp, ctx.get(U32, WINDOW_TYPE));
            case ExitReasons.WHvRunVpExitReasonX64ApicEoi -> new WhpExit.ApicEoi(vp, ctx.get(U32, EOI_VECTOR));
            case ExitReasons.WHvRunVpExitReasonException -> exception(ctx, vp);
            case ExitReasons.WHvRunVpExitReasonUnrecoverableException -> new WhpExit.Unrecoverable(vp);
            case ExitReasons.WHvRunVpExitReasonInvalidVpRegisterValue -> new WhpExit.InvalidRegisterValue(vp);
            case ExitReasons.WHvRunVpExitReasonUnsupportedFeature ->
                    new WhpExit.UnsupportedFeature(vp, ctx.get(U32, FEATURE_CODE), ctx.get(U64, FEATURE_PARAMETER));
            case ExitReasons.WHvRunVpExitReasonCanceled -> new WhpExit.Canceled(vp, ctx.get(U32, CANCEL_REASON));
            default -> new WhpExit.Other(vp, reason);
        };
    }

    /** Reads a {@code WHV_X64_SEGMENT_REGISTER} at {@code at}, attributes converted to hv-api form. */
    public static Segment segment(MemorySegment s, long at) {
        return new Segment(Short.toUnsignedInt(s.get(U16, at + SEG_SELECTOR)), s.get(U64, at + SEG_BASE),
                s.get(U32, at + SEG_LIMIT), SegmentBits.toApi(Short.toUnsignedInt(s.get(U16, at + SEG_ATTRIBUTES))));
    }

    private static long u(MemoryLayout context, String member) {
        return EXIT_UNION + offset(context, member);
    }

    private static VpContext vpContext(MemorySegment ctx) {
        int state = Short.toUnsignedInt(ctx.get(U16, VP_STATE));
        int bits = Byte.toUnsignedInt(ctx.get(ValueLayout.JAVA_BYTE, VP_BITS));
        return new VpContext(state, (int) BitFields.VP_INSTRUCTION_LENGTH.get(bits), (int) BitFields.VP_CR8.get(bits),
                segment(ctx, VP_CS), ctx.get(U64, VP_RIP), ctx.get(U64, VP_RFLAGS));
    }

    private static long[] instructionAt(MemoryLayout context) {
        return new long[] {u(context, "InstructionByteCount"), u(context, "InstructionBytes")};
    }

    /** The instruction bytes that memory-access, I/O-port and exception contexts each carry. */
    private static byte[] instruction(MemorySegment ctx, long[] at) {
        int n = Math.min(MAX_INSN, Byte.toUnsignedInt(ctx.get(ValueLayout.JAVA_BYTE, at[0])));
        byte[] bytes = new byte[n];
        MemorySegment.copy(ctx, ValueLayout.JAVA_BYTE, at[1], bytes, 0, n);
        return bytes;
    }

    private static WhpExit memoryAccess(MemorySegment ctx, VpContext vp) {
        int info = ctx.get(U32, MEM_INFO);
        return new WhpExit.MemoryAccess(vp, instruction(ctx, MEM_INSN),
                (int) BitFields.MEM_ACCESS_TYPE.get(info), BitFields.MEM_GPA_UNMAPPED.test(info),
                BitFields.MEM_GVA_VALID.test(info), ctx.get(U64, MEM_GPA), ctx.get(U64, MEM_GVA));
    }

    private static WhpExit ioPort(MemorySegment ctx, VpContext vp) {
        int info = ctx.get(U32, IO_INFO);
        return new WhpExit.IoPort(vp, instruction(ctx, IO_INSN), BitFields.IO_IS_WRITE.test(info),
                (int) BitFields.IO_ACCESS_SIZE.get(info), BitFields.IO_STRING_OP.test(info),
                BitFields.IO_REP_PREFIX.test(info), Short.toUnsignedInt(ctx.get(U16, IO_PORT)),
                ctx.get(U64, IO_RAX), ctx.get(U64, IO_RCX), ctx.get(U64, IO_RSI), ctx.get(U64, IO_RDI),
                segment(ctx, IO_DS), segment(ctx, IO_ES));
    }

    private static WhpExit cpuid(MemorySegment ctx, VpContext vp) {
        long[] v = new long[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = ctx.get(U64, CPUID[i]);
        }
        return new WhpExit.Cpuid(vp, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    private static WhpExit msr(MemorySegment ctx, VpContext vp) {
        return new WhpExit.MsrAccess(vp, BitFields.MSR_IS_WRITE.test(ctx.get(U32, MSR_INFO)), ctx.get(U32, MSR_NUMBER),
                ctx.get(U64, MSR_RAX), ctx.get(U64, MSR_RDX));
    }

    private static WhpExit exception(MemorySegment ctx, VpContext vp) {
        int info = ctx.get(U32, EXC_INFO);
        return new WhpExit.GuestException(vp, instruction(ctx, EXC_INSN),
                Byte.toUnsignedInt(ctx.get(ValueLayout.JAVA_BYTE, EXC_TYPE)), BitFields.EXC_ERROR_CODE_VALID.test(info),
                BitFields.EXC_SOFTWARE.test(info), ctx.get(U32, EXC_ERROR), ctx.get(U64, EXC_PARAMETER));
    }
}
