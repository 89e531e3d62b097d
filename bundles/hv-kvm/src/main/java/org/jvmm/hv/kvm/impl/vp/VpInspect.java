package org.jvmm.hv.kvm.impl.vp;

import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.kvm.impl.ffm.KvmConstants;
import org.jvmm.hv.kvm.impl.ffm.KvmVcpuFd;
import org.jvmm.hv.kvm.impl.ffm.SpecialRegisters;
import org.jvmm.inspect.InspectNode;

/** The inspect tree of a KVM vCPU: counters always, registers and the MP state only while stopped. */
final class VpInspect {
    private static final String[] MP_STATES = {"runnable", "uninitialized (waiting for INIT)", "INIT received",
        "halted", "SIPI received"};

    private VpInspect() {
    }

    static void describe(InspectNode node, KvmVp vp, RunLoop loop, VpKick kick, PowerOnState powerOn) {
        int last = loop.lastExitReason;
        node.field("index", vp.index())
                .field("apicId", vp.index())
                .field("state", vp.isRunning() ? "running" : "stopped")
                .field("lastExit", last < 0 ? "none" : KvmConstants.exitName(last))
                .field("kvmRuns", loop.runs)
                .field("portAccesses", loop.portAccesses())
                .field("mmioAccesses", loop.mmioAccesses())
                .field("eoiExits", loop.eois)
                .field("picInjections", loop.picInjections)
                .field("kickSignals", kick.signalsSent())
                .field("resetMsrs", powerOn.msrCount());
    }

    static void describeStopped(InspectNode node, RegisterCache registers, KvmVcpuFd vcpu) {
        int mp = vcpu.getMpState();
        node.field("mpState", mp >= 0 && mp < MP_STATES.length ? MP_STATES[mp] : "state " + mp);
        GeneralRegisters g = registers.general();
        SpecialRegisters s = registers.special();
        ControlRegisters c = s.control();
        node.hex("rip", g.rip()).hex("rflags", g.rflags()).hex("rsp", g.rsp())
                .hex("cs", s.segments().cs().selector()).hex("cr0", c.cr0()).hex("cr3", c.cr3())
                .hex("cr4", c.cr4()).hex("efer", c.efer()).hex("apicBase", s.apicBase());
    }
}
