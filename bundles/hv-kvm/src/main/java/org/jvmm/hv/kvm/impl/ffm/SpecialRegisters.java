package org.jvmm.hv.kvm.impl.ffm;

import java.util.Objects;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.SegmentRegisters;

/**
 * The content of kvm_sregs: segments and descriptor tables, control registers and EFER, the APIC base
 * MSR, and the bitmap of an external interrupt KVM has queued but not yet injected (kept as read).
 */
public record SpecialRegisters(SegmentRegisters segments, ControlRegisters control, long apicBase,
        long[] interruptBitmap) {
    public SpecialRegisters {
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(control, "control");
        if (interruptBitmap.length != 4) {
            throw new IllegalArgumentException("interruptBitmap: 4 words, got " + interruptBitmap.length);
        }
        interruptBitmap = interruptBitmap.clone();
    }

    public SpecialRegisters withSegments(SegmentRegisters s) {
        return new SpecialRegisters(s, control, apicBase, interruptBitmap);
    }

    public SpecialRegisters withControl(ControlRegisters c) {
        return new SpecialRegisters(segments, c, apicBase, interruptBitmap);
    }

    @Override
    public long[] interruptBitmap() {
        return interruptBitmap.clone();
    }
}
