package org.jvmm.hv.whp.impl.ffm;

import org.jvmm.hv.api.Segment;

/** One decoded {@code WHV_RUN_VP_EXIT_CONTEXT}: the exit reason with its own context. */
public sealed interface WhpExit {
    VpContext vp();

    /** An access to guest-physical memory that is not mapped (MMIO) or not accessible. */
    record MemoryAccess(VpContext vp, byte[] instruction, int accessType, boolean gpaUnmapped, boolean gvaValid,
            long gpa, long gva) implements WhpExit {
        public boolean isWrite() {
            return accessType == WhpCodes.WHvMemoryAccessWrite;
        }
    }

    /** IN, OUT, INS or OUTS. {@code size} is 1, 2 or 4; {@code ds}/{@code es} carry hv-api attributes. */
    record IoPort(VpContext vp, byte[] instruction, boolean write, int size, boolean string, boolean rep, int port,
            long rax, long rcx, long rsi, long rdi, Segment ds, Segment es) implements WhpExit {
    }

    record Halt(VpContext vp) implements WhpExit {
    }

    record Cpuid(VpContext vp, long rax, long rcx, long rdx, long rbx,
            long defaultRax, long defaultRcx, long defaultRdx, long defaultRbx) implements WhpExit {
    }

    record MsrAccess(VpContext vp, boolean write, int msr, long rax, long rdx) implements WhpExit {
    }

    /** The interrupt window asked for through the deliverability notifications register is open. */
    record InterruptWindow(VpContext vp, int deliverableType) implements WhpExit {
    }

    /** End of a level-triggered interrupt (the guest wrote the EOI register). */
    record ApicEoi(VpContext vp, int vector) implements WhpExit {
    }

    /** An exception the exception exit bitmap intercepts. */
    record GuestException(VpContext vp, byte[] instruction, int type, boolean errorCodeValid, boolean software,
            int errorCode, long parameter) implements WhpExit {
    }

    /** The guest triple-faulted (or hit another condition the hypervisor cannot recover from). */
    record Unrecoverable(VpContext vp) implements WhpExit {
    }

    record InvalidRegisterValue(VpContext vp) implements WhpExit {
    }

    record UnsupportedFeature(VpContext vp, int featureCode, long parameter) implements WhpExit {
    }

    /** {@code WHvCancelRunVirtualProcessor} was called. */
    record Canceled(VpContext vp, int reason) implements WhpExit {
    }

    /** A reason this backend does not enable or know. */
    record Other(VpContext vp, int reason) implements WhpExit {
    }
}
