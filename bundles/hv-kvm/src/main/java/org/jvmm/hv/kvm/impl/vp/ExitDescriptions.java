package org.jvmm.hv.kvm.impl.vp;

import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_INTERNAL_ERROR_DELIVERY_EV;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_INTERNAL_ERROR_EMULATION;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_INTERNAL_ERROR_SIMUL_EX;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_SYSTEM_EVENT_CRASH;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_SYSTEM_EVENT_RESET;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_SYSTEM_EVENT_SHUTDOWN;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_SYSTEM_EVENT_SUSPEND;
import static org.jvmm.hv.kvm.impl.ffm.KvmConstants.KVM_SYSTEM_EVENT_WAKEUP;

import org.jvmm.hv.kvm.impl.ffm.KvmRun;

/** One-line descriptions of the exits that end a run, for VpExit details. */
final class ExitDescriptions {
    private ExitDescriptions() {
    }

    static String failEntry(KvmRun run) {
        return "KVM_EXIT_FAIL_ENTRY: hardware entry failure reason 0x" + Long.toHexString(run.failEntryReason())
                + " on host cpu " + run.failEntryCpu() + " (invalid guest state)";
    }

    static String internalError(KvmRun run) {
        String name = switch (run.internalSuberror()) {
            case KVM_INTERNAL_ERROR_EMULATION -> "instruction emulation failed";
            case KVM_INTERNAL_ERROR_SIMUL_EX -> "exception while delivering an exception";
            case KVM_INTERNAL_ERROR_DELIVERY_EV -> "exit while delivering an event";
            case KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON -> "unexpected hardware exit";
            default -> "suberror " + run.internalSuberror();
        };
        return "KVM_EXIT_INTERNAL_ERROR: " + name + data(run.internalData());
    }

    static String systemEvent(KvmRun run) {
        String type = switch (run.systemEventType()) {
            case KVM_SYSTEM_EVENT_SHUTDOWN -> "shutdown";
            case KVM_SYSTEM_EVENT_RESET -> "reset";
            case KVM_SYSTEM_EVENT_CRASH -> "crash";
            case KVM_SYSTEM_EVENT_WAKEUP -> "wakeup";
            case KVM_SYSTEM_EVENT_SUSPEND -> "suspend";
            default -> "type " + run.systemEventType();
        };
        return "KVM_EXIT_SYSTEM_EVENT: " + type + data(run.systemEventData());
    }

    private static String data(long[] data) {
        if (data.length == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder(", data");
        for (long d : data) {
            b.append(" 0x").append(Long.toHexString(d));
        }
        return b.toString();
    }
}
