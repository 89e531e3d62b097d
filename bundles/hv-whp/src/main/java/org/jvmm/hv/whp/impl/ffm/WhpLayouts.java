package org.jvmm.hv.whp.impl.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.util.Arrays;
import java.util.List;

/**
 * The WinHvPlatform structures this backend reads and writes, each described once. Layout names are
 * the C type names and member names the C member names, so that the ABI test can turn them into
 * {@code offsetof}/{@code sizeof} assertions against {@code <winhvplatform.h>}. Members whose name
 * starts with {@code $} have no C name (a bit-field word, an anonymous union): they count for offsets
 * but are not asserted themselves (their bit-fields are, see {@link BitFields}). Pure data: nothing
 * here touches WinHvPlatform.dll, so the class loads on every host.
 */
public final class WhpLayouts {
    public static final StructLayout SEGMENT = MemoryLayout.structLayout(
            u64("Base"), u32("Limit"), u16("Selector"), u16("Attributes")).withName("WHV_X64_SEGMENT_REGISTER");

    public static final StructLayout TABLE = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(3, JAVA_SHORT).withName("Pad"), u16("Limit"), u64("Base"))
            .withName("WHV_X64_TABLE_REGISTER");

    public static final UnionLayout REGISTER_VALUE = MemoryLayout.unionLayout(
            MemoryLayout.structLayout(u64("Low64"), u64("High64")).withName("Reg128"),
            u64("Reg64"), SEGMENT.withName("Segment"), TABLE.withName("Table"))
            .withByteAlignment(16).withName("WHV_REGISTER_VALUE");

    /** FXSAVE bytes 0-15 (FCW, FSW, abridged FTW, FOP, FIP) as one 128-bit register. */
    public static final StructLayout FP_CONTROL_STATUS = MemoryLayout.structLayout(
            u16("FpControl"), u16("FpStatus"), u8("FpTag"), u8("Reserved"), u16("LastFpOp"), u64("LastFpRip"))
            .withByteAlignment(16).withName("WHV_X64_FP_CONTROL_STATUS_REGISTER");

    /** FXSAVE bytes 16-31 (FDP, MXCSR, MXCSR_MASK) as one 128-bit register. */
    public static final StructLayout XMM_CONTROL_STATUS = MemoryLayout.structLayout(
            u64("LastFpRdp"), u32("XmmStatusControl"), u32("XmmStatusControlMask"))
            .withByteAlignment(16).withName("WHV_X64_XMM_CONTROL_STATUS_REGISTER");

    public static final StructLayout VP_CONTEXT = MemoryLayout.structLayout(
            u16("ExecutionState"), u8("$InstructionLengthCr8"), u8("Reserved"), u32("Reserved2"),
            SEGMENT.withName("Cs"), u64("Rip"), u64("Rflags")).withName("WHV_VP_EXIT_CONTEXT");

    public static final StructLayout MEMORY_ACCESS = MemoryLayout.structLayout(
            u8("InstructionByteCount"), bytes("Reserved", 3), bytes("InstructionBytes", 16),
            u32("AccessInfo"), u64("Gpa"), u64("Gva")).withName("WHV_MEMORY_ACCESS_CONTEXT");

    public static final StructLayout IO_PORT_ACCESS = MemoryLayout.structLayout(
            u8("InstructionByteCount"), bytes("Reserved", 3), bytes("InstructionBytes", 16),
            u32("AccessInfo"), u16("PortNumber"), MemoryLayout.sequenceLayout(3, JAVA_SHORT).withName("Reserved2"),
            u64("Rax"), u64("Rcx"), u64("Rsi"), u64("Rdi"), SEGMENT.withName("Ds"), SEGMENT.withName("Es"))
            .withName("WHV_X64_IO_PORT_ACCESS_CONTEXT");

    public static final StructLayout MSR_ACCESS = MemoryLayout.structLayout(
            u32("AccessInfo"), u32("MsrNumber"), u64("Rax"), u64("Rdx")).withName("WHV_X64_MSR_ACCESS_CONTEXT");

    public static final StructLayout CPUID_ACCESS = MemoryLayout.structLayout(
            u64("Rax"), u64("Rcx"), u64("Rdx"), u64("Rbx"), u64("DefaultResultRax"), u64("DefaultResultRcx"),
            u64("DefaultResultRdx"), u64("DefaultResultRbx")).withName("WHV_X64_CPUID_ACCESS_CONTEXT");

    public static final StructLayout EXCEPTION = MemoryLayout.structLayout(
            u8("InstructionByteCount"), bytes("Reserved", 3), bytes("InstructionBytes", 16),
            u32("ExceptionInfo"), u8("ExceptionType"), bytes("Reserved2", 3), u32("ErrorCode"),
            u64("ExceptionParameter")).withName("WHV_VP_EXCEPTION_CONTEXT");

    public static final StructLayout INTERRUPT_WINDOW = MemoryLayout.structLayout(u32("DeliverableType"))
            .withName("WHV_X64_INTERRUPTION_DELIVERABLE_CONTEXT");

    public static final StructLayout UNSUPPORTED_FEATURE = MemoryLayout.structLayout(
            u32("FeatureCode"), u32("Reserved"), u64("FeatureParameter")).withName("WHV_X64_UNSUPPORTED_FEATURE_CONTEXT");

    public static final StructLayout CANCELED = MemoryLayout.structLayout(u32("CancelReason"))
            .withName("WHV_RUN_VP_CANCELED_CONTEXT");

    public static final StructLayout APIC_EOI = MemoryLayout.structLayout(u32("InterruptVector"))
            .withName("WHV_X64_APIC_EOI_CONTEXT");

    /** The exit-context union's size: its largest member is the 176-byte hypercall context. */
    private static final long EXIT_UNION_SIZE = 176;

    public static final StructLayout EXIT_CONTEXT = MemoryLayout.structLayout(
            u32("ExitReason"), u32("Reserved"), VP_CONTEXT.withName("VpContext"),
            MemoryLayout.unionLayout(
                    MEMORY_ACCESS.withName("MemoryAccess"), IO_PORT_ACCESS.withName("IoPortAccess"),
                    MSR_ACCESS.withName("MsrAccess"), CPUID_ACCESS.withName("CpuidAccess"),
                    EXCEPTION.withName("VpException"), INTERRUPT_WINDOW.withName("InterruptWindow"),
                    UNSUPPORTED_FEATURE.withName("UnsupportedFeature"), CANCELED.withName("CancelReason"),
                    APIC_EOI.withName("ApicEoi"), MemoryLayout.paddingLayout(EXIT_UNION_SIZE)).withName("$u"))
            .withByteAlignment(16).withName("WHV_RUN_VP_EXIT_CONTEXT");

    public static final StructLayout INTERRUPT_CONTROL = MemoryLayout.structLayout(
            u64("$TypeModes"), u32("Destination"), u32("Vector")).withName("WHV_INTERRUPT_CONTROL");

    /** The property union; its largest member is one 48-byte {@code WHV_X64_CPUID_RESULT2}. */
    public static final UnionLayout PARTITION_PROPERTY = MemoryLayout.unionLayout(
            u64("ExtendedVmExits"), u32("ProcessorCount"), MemoryLayout.sequenceLayout(1, JAVA_INT).withName("CpuidExitList"),
            u64("ExceptionExitBitmap"), u32("LocalApicEmulationMode"), MemoryLayout.paddingLayout(48))
            .withName("WHV_PARTITION_PROPERTY");

    /** The capability union; its largest member is the 24-byte processor-features banks. */
    public static final UnionLayout CAPABILITY = MemoryLayout.unionLayout(
            JAVA_INT.withName("HypervisorPresent"), u64("Features"), u64("ExtendedVmExits"),
            u64("ProcessorClockFrequency"), MemoryLayout.paddingLayout(24)).withName("WHV_CAPABILITY");

    public static final StructLayout TRANSLATE_GVA_RESULT = MemoryLayout.structLayout(
            u32("ResultCode"), u32("Reserved")).withName("WHV_TRANSLATE_GVA_RESULT");

    /** Every layout above, checked member by member against the C headers. */
    public static final List<GroupLayout> CHECKED = List.of(SEGMENT, TABLE, REGISTER_VALUE, FP_CONTROL_STATUS,
            XMM_CONTROL_STATUS, VP_CONTEXT, MEMORY_ACCESS,
            IO_PORT_ACCESS, MSR_ACCESS, CPUID_ACCESS, EXCEPTION, INTERRUPT_WINDOW, UNSUPPORTED_FEATURE, CANCELED,
            APIC_EOI, EXIT_CONTEXT, INTERRUPT_CONTROL, PARTITION_PROPERTY, CAPABILITY, TRANSLATE_GVA_RESULT);

    /** Byte offset of the member at {@code path} (member names, outermost first) in {@code layout}. */
    public static long offset(MemoryLayout layout, String... path) {
        return layout.byteOffset(Arrays.stream(path).map(PathElement::groupElement).toArray(PathElement[]::new));
    }

    /** Offset of the exit-context union, where every per-reason context starts. */
    public static final long EXIT_UNION = offset(EXIT_CONTEXT, "$u");

    private WhpLayouts() {
    }

    private static MemoryLayout u8(String name) {
        return JAVA_BYTE.withName(name);
    }

    private static MemoryLayout u16(String name) {
        return JAVA_SHORT.withName(name);
    }

    private static MemoryLayout u32(String name) {
        return JAVA_INT.withName(name);
    }

    private static MemoryLayout u64(String name) {
        return JAVA_LONG.withName(name);
    }

    private static MemoryLayout bytes(String name, int count) {
        return MemoryLayout.sequenceLayout(count, JAVA_BYTE).withName(name);
    }
}
