package org.jvmm.hv.api;

/** An interrupt aimed at local APICs. Destinations are APIC ids (physical) unless {@code logical}. */
public sealed interface InterruptRequest {
    /** A fixed vector (16..255). {@code level} marks a level-triggered source that expects an EOI. */
    record Fixed(int destination, boolean logical, int vector, boolean level) implements InterruptRequest {
        public Fixed {
            if (vector < 16 || vector > 255) {
                throw new IllegalArgumentException("vector: must be 16..255, got " + vector);
            }
        }
    }

    /** Lowest-priority delivery (treated as fixed to one of the destination set). */
    record LowestPriority(int destination, boolean logical, int vector, boolean level) implements InterruptRequest {
    }

    record Nmi(int destination, boolean logical) implements InterruptRequest {
    }

    /** ExtINT: the processor asks the PIC for the vector when it accepts the interrupt. */
    record ExtInt(int destination, boolean logical) implements InterruptRequest {
    }

    record Init(int destination, boolean logical) implements InterruptRequest {
    }

    record StartupIpi(int destination, boolean logical, int vectorPage) implements InterruptRequest {
    }

    /**
     * A message-signalled interrupt in x86 format: address 0xFEEx_xxxx (destination id in bits 19:12,
     * destination mode in bit 2), data with the vector in bits 7:0, delivery mode in 10:8 and the
     * trigger mode in bit 15. Backends decode it into one of the other requests.
     */
    record Msi(long address, int data) implements InterruptRequest {
    }
}
