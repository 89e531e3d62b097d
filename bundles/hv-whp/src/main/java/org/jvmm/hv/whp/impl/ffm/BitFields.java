package org.jvmm.hv.whp.impl.ffm;

import java.util.List;

/**
 * Every C bit-field this backend reads or writes. Offsets are relative to the start of {@code cType};
 * each is checked against GCC's layout of {@code <winhvplatform.h>} by the ABI test.
 */
public final class BitFields {
    private static final String EXEC = "WHV_X64_VP_EXECUTION_STATE";
    private static final String VP_CONTEXT = "WHV_VP_EXIT_CONTEXT";
    private static final String SEGMENT = "WHV_X64_SEGMENT_REGISTER";
    private static final String MEMORY_INFO = "WHV_MEMORY_ACCESS_INFO";
    private static final String IO_INFO = "WHV_X64_IO_PORT_ACCESS_INFO";
    private static final String EXCEPTION_INFO = "WHV_VP_EXCEPTION_INFO";
    private static final String INTERRUPT_CONTROL = "WHV_INTERRUPT_CONTROL";
    private static final String PENDING = "WHV_X64_PENDING_INTERRUPTION_REGISTER";
    private static final String NOTIFY = "WHV_X64_DELIVERABILITY_NOTIFICATIONS_REGISTER";
    private static final String ACTIVITY = "WHV_INTERNAL_ACTIVITY_REGISTER";
    private static final String FEATURES = "WHV_CAPABILITY_FEATURES";
    private static final String EXITS = "WHV_EXTENDED_VM_EXITS";

    public static final BitField EXEC_CPL = new BitField(EXEC, "Cpl", 0, 0, 2);
    public static final BitField EXEC_CR0_PE = new BitField(EXEC, "Cr0Pe", 0, 2, 1);
    public static final BitField EXEC_EFER_LMA = new BitField(EXEC, "EferLma", 0, 4, 1);
    public static final BitField EXEC_INTERRUPTION_PENDING = new BitField(EXEC, "InterruptionPending", 0, 6, 1);
    public static final BitField EXEC_INTERRUPT_SHADOW = new BitField(EXEC, "InterruptShadow", 0, 12, 1);

    public static final BitField VP_INSTRUCTION_LENGTH = new BitField(VP_CONTEXT, "InstructionLength", 2, 0, 4);
    public static final BitField VP_CR8 = new BitField(VP_CONTEXT, "Cr8", 2, 4, 4);

    public static final BitField SEG_TYPE = new BitField(SEGMENT, "SegmentType", 14, 0, 4);
    public static final BitField SEG_NON_SYSTEM = new BitField(SEGMENT, "NonSystemSegment", 14, 4, 1);
    public static final BitField SEG_DPL = new BitField(SEGMENT, "DescriptorPrivilegeLevel", 14, 5, 2);
    public static final BitField SEG_PRESENT = new BitField(SEGMENT, "Present", 14, 7, 1);
    public static final BitField SEG_AVAILABLE = new BitField(SEGMENT, "Available", 14, 12, 1);
    public static final BitField SEG_LONG = new BitField(SEGMENT, "Long", 14, 13, 1);
    public static final BitField SEG_DEFAULT = new BitField(SEGMENT, "Default", 14, 14, 1);
    public static final BitField SEG_GRANULARITY = new BitField(SEGMENT, "Granularity", 14, 15, 1);

    public static final BitField MEM_ACCESS_TYPE = new BitField(MEMORY_INFO, "AccessType", 0, 0, 2);
    public static final BitField MEM_GPA_UNMAPPED = new BitField(MEMORY_INFO, "GpaUnmapped", 0, 2, 1);
    public static final BitField MEM_GVA_VALID = new BitField(MEMORY_INFO, "GvaValid", 0, 3, 1);

    public static final BitField IO_IS_WRITE = new BitField(IO_INFO, "IsWrite", 0, 0, 1);
    public static final BitField IO_ACCESS_SIZE = new BitField(IO_INFO, "AccessSize", 0, 1, 3);
    public static final BitField IO_STRING_OP = new BitField(IO_INFO, "StringOp", 0, 4, 1);
    public static final BitField IO_REP_PREFIX = new BitField(IO_INFO, "RepPrefix", 0, 5, 1);

    public static final BitField MSR_IS_WRITE = new BitField("WHV_X64_MSR_ACCESS_INFO", "IsWrite", 0, 0, 1);

    public static final BitField EXC_ERROR_CODE_VALID = new BitField(EXCEPTION_INFO, "ErrorCodeValid", 0, 0, 1);
    public static final BitField EXC_SOFTWARE = new BitField(EXCEPTION_INFO, "SoftwareException", 0, 1, 1);

    public static final BitField IC_TYPE = new BitField(INTERRUPT_CONTROL, "Type", 0, 0, 8);
    public static final BitField IC_DESTINATION_MODE = new BitField(INTERRUPT_CONTROL, "DestinationMode", 0, 8, 4);
    public static final BitField IC_TRIGGER_MODE = new BitField(INTERRUPT_CONTROL, "TriggerMode", 0, 12, 4);

    public static final BitField PENDING_PENDING = new BitField(PENDING, "InterruptionPending", 0, 0, 1);
    public static final BitField PENDING_TYPE = new BitField(PENDING, "InterruptionType", 0, 1, 3);
    public static final BitField PENDING_DELIVER_ERROR = new BitField(PENDING, "DeliverErrorCode", 0, 4, 1);
    public static final BitField PENDING_VECTOR = new BitField(PENDING, "InterruptionVector", 0, 16, 16);

    public static final BitField NOTIFY_NMI = new BitField(NOTIFY, "NmiNotification", 0, 0, 1);
    public static final BitField NOTIFY_INTERRUPT = new BitField(NOTIFY, "InterruptNotification", 0, 1, 1);
    public static final BitField NOTIFY_PRIORITY = new BitField(NOTIFY, "InterruptPriority", 0, 2, 4);

    public static final BitField ACTIVITY_STARTUP_SUSPEND = new BitField(ACTIVITY, "StartupSuspend", 0, 0, 1);
    public static final BitField ACTIVITY_HALT_SUSPEND = new BitField(ACTIVITY, "HaltSuspend", 0, 1, 1);

    public static final BitField FEATURE_LOCAL_APIC_EMULATION = new BitField(FEATURES, "LocalApicEmulation", 0, 1, 1);
    public static final BitField FEATURE_XSAVE = new BitField(FEATURES, "Xsave", 0, 2, 1);

    public static final BitField EXIT_CPUID = new BitField(EXITS, "X64CpuidExit", 0, 0, 1);
    public static final BitField EXIT_MSR = new BitField(EXITS, "X64MsrExit", 0, 1, 1);
    public static final BitField EXIT_EXCEPTION = new BitField(EXITS, "ExceptionExit", 0, 2, 1);

    /** All of the above, for the ABI check. */
    public static final List<BitField> ALL = List.of(
            EXEC_CPL, EXEC_CR0_PE, EXEC_EFER_LMA, EXEC_INTERRUPTION_PENDING, EXEC_INTERRUPT_SHADOW,
            VP_INSTRUCTION_LENGTH, VP_CR8,
            SEG_TYPE, SEG_NON_SYSTEM, SEG_DPL, SEG_PRESENT, SEG_AVAILABLE, SEG_LONG, SEG_DEFAULT, SEG_GRANULARITY,
            MEM_ACCESS_TYPE, MEM_GPA_UNMAPPED, MEM_GVA_VALID,
            IO_IS_WRITE, IO_ACCESS_SIZE, IO_STRING_OP, IO_REP_PREFIX, MSR_IS_WRITE,
            EXC_ERROR_CODE_VALID, EXC_SOFTWARE,
            IC_TYPE, IC_DESTINATION_MODE, IC_TRIGGER_MODE,
            PENDING_PENDING, PENDING_TYPE, PENDING_DELIVER_ERROR, PENDING_VECTOR,
            NOTIFY_NMI, NOTIFY_INTERRUPT, NOTIFY_PRIORITY,
            ACTIVITY_STARTUP_SUSPEND, ACTIVITY_HALT_SUSPEND,
            FEATURE_LOCAL_APIC_EMULATION, FEATURE_XSAVE, EXIT_CPUID, EXIT_MSR, EXIT_EXCEPTION);

    private BitFields() {
    }
}
