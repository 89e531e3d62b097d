package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;

import org.jvmm.inspect.InspectNode;

/** The inspect view of a {@link LocalApic} (called with its lock held). */
final class ApicInspect {
    private ApicInspect() {
    }

    static void describe(LocalApic a, InspectNode node, long now, boolean lint0, boolean lint1, boolean nmi,
            boolean waitForSipi) {
        node.field("id", a.id())
                .field("bsp", a.isBsp())
                .field("mode", !a.hwEnabled() ? "disabled" : a.x2apic() ? "x2apic" : "xapic")
                .hex("apicBase", a.apicBase)
                .field("softwareEnabled", a.swEnabled())
                .hex("svr", a.svr)
                .hex("tpr", a.tpr)
                .hex("ppr", a.ppr())
                .hex("ldr", a.ldr & 0xFFFF_FFFFL)
                .hex("dfr", a.dfr & 0xFFFF_FFFFL)
                .field("irr", a.irr.describe())
                .field("isr", a.isr.describe())
                .field("tmr", a.tmr.describe())
                .hex("esr", a.esr)
                .hex("icr", (long) a.icrHigh << 32 | a.icrLow & 0xFFFF_FFFFL)
                .field("lint0", lint0)
                .field("lint1", lint1)
                .field("nmiPending", nmi)
                .field("waitForSipi", waitForSipi);
        ApicTimer t = a.timer;
        InspectNode timer = node.child("timer");
        timer.field("mode", ApicTimer.MODE_NAMES[(t.lvt() >>> 17) & 3])
                .field("masked", (t.lvt() & MASKED) != 0)
                .hex("vector", t.lvt() & VECTOR)
                .field("initialCount", t.initialCount())
                .field("currentCount", t.currentCount(now))
                .field("divisor", t.divisor())
                .hex("deadlineTsc", t.deadlineTsc())
                .field("nanosToExpiry", t.nextExpiry() == ApicTimer.NONE ? "none" : t.nextExpiry() - now);
        InspectNode lvts = node.child("lvt");
        lvts.hex(LVT_NAMES[L_TIMER], t.lvt());
        for (int i = 1; i < LVT_COUNT; i++) {
            lvts.hex(LVT_NAMES[i], a.lvt[i]);
        }
    }
}
