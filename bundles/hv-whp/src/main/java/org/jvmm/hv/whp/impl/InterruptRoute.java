package org.jvmm.hv.whp.impl;

import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.whp.impl.ffm.BitFields;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;

/**
 * Where an hv-api {@link InterruptRequest} goes under WHP: to the hypervisor's local APICs through
 * {@code WHvRequestInterrupt} (a {@code WHV_INTERRUPT_CONTROL}), to a processor as an ExtINT that asks
 * the PIC for its vector (WHP has no ExtINT interrupt type), or nowhere (with the reason).
 */
sealed interface InterruptRoute {
    /** A {@code WHV_INTERRUPT_CONTROL}: {@code typeModes} is its first word (type, destination and trigger modes). */
    record Apic(long typeModes, int destination, int vector) implements InterruptRoute {
        static Apic of(int type, boolean logical, boolean level, int destination, int vector) {
            long word = BitFields.IC_TYPE.set(0, type);
            word = BitFields.IC_DESTINATION_MODE.set(word, logical
                    ? WhpCodes.WHvX64InterruptDestinationModeLogical : WhpCodes.WHvX64InterruptDestinationModePhysical);
            word = BitFields.IC_TRIGGER_MODE.set(word, level
                    ? WhpCodes.WHvX64InterruptTriggerModeLevel : WhpCodes.WHvX64InterruptTriggerModeEdge);
            return new Apic(word, destination, vector);
        }

        int type() {
            return (int) BitFields.IC_TYPE.get(typeModes);
        }

        boolean logical() {
            return BitFields.IC_DESTINATION_MODE.get(typeModes) == WhpCodes.WHvX64InterruptDestinationModeLogical;
        }

        boolean level() {
            return BitFields.IC_TRIGGER_MODE.get(typeModes) == WhpCodes.WHvX64InterruptTriggerModeLevel;
        }
    }

    record ExtInt(int destination, boolean logical) implements InterruptRoute {
    }

    record Drop(String reason) implements InterruptRoute {
    }

    static InterruptRoute of(InterruptRequest request) {
        return switch (request) {
            case InterruptRequest.Fixed f -> Apic.of(WhpCodes.WHvX64InterruptTypeFixed, f.logical(), f.level(),
                    f.destination(), f.vector());
            case InterruptRequest.LowestPriority l -> l.vector() < 16 || l.vector() > 255
                    ? new Drop("lowest-priority interrupt with illegal vector " + l.vector())
                    : Apic.of(WhpCodes.WHvX64InterruptTypeLowestPriority, l.logical(), l.level(), l.destination(),
                            l.vector());
            case InterruptRequest.Nmi n -> Apic.of(WhpCodes.WHvX64InterruptTypeNmi, n.logical(), false,
                    n.destination(), 2);
            case InterruptRequest.Init i -> Apic.of(WhpCodes.WHvX64InterruptTypeInit, i.logical(), false,
                    i.destination(), 0);
            case InterruptRequest.StartupIpi s -> Apic.of(WhpCodes.WHvX64InterruptTypeSipi, s.logical(), false,
                    s.destination(), s.vectorPage() & 0xFF);
            case InterruptRequest.ExtInt e -> new ExtInt(e.destination(), e.logical());
            case InterruptRequest.Msi m -> msi(m.address(), m.data());
        };
    }

    /** An x86 MSI: destination in address bits 19:12, mode bit 2; vector, delivery mode and trigger in data. */
    private static InterruptRoute msi(long address, int data) {
        if ((address & 0xFFF0_0000L) != 0xFEE0_0000L) {
            return new Drop("MSI to 0x%x, outside the 0xFEEx_xxxx interrupt range".formatted(address));
        }
        int destination = (int) (address >>> 12) & 0xFF;
        boolean logical = (address & 0x4) != 0;
        int vector = data & 0xFF;
        boolean level = (data & 0x8000) != 0;
        int mode = (data >>> 8) & 7;
        return switch (mode) {
            case 0, 1 -> vector < 16 ? new Drop("MSI with illegal vector " + vector)
                    : Apic.of(mode == 0 ? WhpCodes.WHvX64InterruptTypeFixed : WhpCodes.WHvX64InterruptTypeLowestPriority,
                            logical, level, destination, vector);
            case 4 -> Apic.of(WhpCodes.WHvX64InterruptTypeNmi, logical, false, destination, 2);
            case 5 -> Apic.of(WhpCodes.WHvX64InterruptTypeInit, logical, false, destination, 0);
            case 7 -> new ExtInt(destination, logical);
            default -> new Drop("MSI with delivery mode " + mode + (mode == 2 ? " (SMI)" : " (reserved)"));
        };
    }
}
