package org.jvmm.hv.whp.impl.ffm;

/**
 * Capability and partition-property codes and the other {@code <winhvplatformdefs.h>} enum values this
 * backend passes to or reads from WinHvPlatform, under their C names (checked by the ABI test).
 */
@SuppressWarnings("checkstyle:ConstantName")
public final class WhpCodes {
    public static final int WHvCapabilityCodeHypervisorPresent = 0x0;
    public static final int WHvCapabilityCodeFeatures = 0x1;
    public static final int WHvCapabilityCodeExtendedVmExits = 0x2;
    public static final int WHvCapabilityCodeProcessorClockFrequency = 0x1004;

    public static final int WHvPartitionPropertyCodeExtendedVmExits = 0x1;
    public static final int WHvPartitionPropertyCodeExceptionExitBitmap = 0x2;
    public static final int WHvPartitionPropertyCodeCpuidExitList = 0x1003;
    public static final int WHvPartitionPropertyCodeLocalApicEmulationMode = 0x1005;
    public static final int WHvPartitionPropertyCodeProcessorCount = 0x1FFF;

    public static final int WHvX64LocalApicEmulationModeNone = 0;
    public static final int WHvX64LocalApicEmulationModeXApic = 1;
    public static final int WHvX64LocalApicEmulationModeX2Apic = 2;

    public static final int WHvMapGpaRangeFlagRead = 0x1;
    public static final int WHvMapGpaRangeFlagWrite = 0x2;
    public static final int WHvMapGpaRangeFlagExecute = 0x4;

    public static final int WHvTranslateGvaFlagValidateRead = 0x1;
    public static final int WHvTranslateGvaFlagValidateWrite = 0x2;
    public static final int WHvTranslateGvaFlagValidateExecute = 0x4;
    public static final int WHvTranslateGvaFlagPrivilegeExempt = 0x8;
    public static final int WHvTranslateGvaResultSuccess = 0;

    public static final int WHvMemoryAccessRead = 0;
    public static final int WHvMemoryAccessWrite = 1;
    public static final int WHvMemoryAccessExecute = 2;

    public static final int WHvX64InterruptTypeFixed = 0;
    public static final int WHvX64InterruptTypeLowestPriority = 1;
    public static final int WHvX64InterruptTypeNmi = 4;
    public static final int WHvX64InterruptTypeInit = 5;
    public static final int WHvX64InterruptTypeSipi = 6;
    public static final int WHvX64InterruptDestinationModePhysical = 0;
    public static final int WHvX64InterruptDestinationModeLogical = 1;
    public static final int WHvX64InterruptTriggerModeEdge = 0;
    public static final int WHvX64InterruptTriggerModeLevel = 1;

    public static final int WHvX64PendingInterrupt = 0;
    public static final int WHvX64PendingNmi = 2;
    public static final int WHvX64PendingException = 3;

    public static final int WHvX64ExceptionTypeDebugTrapOrFault = 0x1;
    public static final int WHvX64ExceptionTypeBreakpointTrap = 0x3;

    private WhpCodes() {
    }
}
