package org.jvmm.hv.api;

import java.util.Objects;

/** Segment registers, the task and LDT registers, and the descriptor-table registers. */
public record SegmentRegisters(Segment cs, Segment ds, Segment es, Segment fs, Segment gs, Segment ss,
        Segment tr, Segment ldtr, TableRegister gdtr, TableRegister idtr) {
    public SegmentRegisters {
        Objects.requireNonNull(cs, "cs");
        Objects.requireNonNull(ds, "ds");
        Objects.requireNonNull(es, "es");
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(gs, "gs");
        Objects.requireNonNull(ss, "ss");
        Objects.requireNonNull(tr, "tr");
        Objects.requireNonNull(ldtr, "ldtr");
        Objects.requireNonNull(gdtr, "gdtr");
        Objects.requireNonNull(idtr, "idtr");
    }
}
