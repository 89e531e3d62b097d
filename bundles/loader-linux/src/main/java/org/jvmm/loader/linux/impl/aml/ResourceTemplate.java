package org.jvmm.loader.linux.impl.aml;

import org.jvmm.loader.linux.impl.ByteWriter;

/**
 * {@code ResourceTemplate() { ... }}: resource descriptors (ACPI 6.x, 6.4) ended by an end tag
 * whose checksum byte is 0 ("treat as valid"). {@link #toAml()} wraps them in a Buffer.
 */
public final class ResourceTemplate {
    private final ByteWriter bytes = new ByteWriter();

    /** {@code IO(Decode16, min, max, alignment, length)}: small descriptor 0x47. */
    public ResourceTemplate io(int min, int max, int alignment, int length) {
        bytes.u8(0x47).u8(1).u16(min).u16(max).u8(alignment).u8(length);
        return this;
    }

    /** {@code IRQNoFlags() { irq }}: small descriptor 0x22 (edge, active high, exclusive). */
    public ResourceTemplate irqNoFlags(int irq) {
        if (irq < 0 || irq > 15) {
            throw new IllegalArgumentException("ISA IRQ must be 0..15, got " + irq);
        }
        bytes.u8(0x22).u16(1 << irq);
        return this;
    }

    /** {@code Memory32Fixed(ReadWrite, base, length)}: large descriptor 0x86. */
    public ResourceTemplate memory32Fixed(long base, long length) {
        bytes.u8(0x86).u16(9).u8(1).u32(base).u32(length);
        return this;
    }

    /**
     * {@code Interrupt(ResourceConsumer, Level|Edge, ActiveHigh, Exclusive) { gsi }}: extended
     * interrupt descriptor 0x89 with one interrupt number.
     */
    public ResourceTemplate interrupt(long gsi, boolean edge) {
        bytes.u8(0x89).u16(6).u8(0x01 | (edge ? 0x02 : 0)).u8(1).u32(gsi);
        return this;
    }

    /** The descriptors and the end tag, without the Buffer around them. */
    public byte[] descriptors() {
        return new ByteWriter().bytes(bytes.toByteArray()).u8(0x79).u8(0).toByteArray();
    }

    /** {@code Buffer() { descriptors, end tag }}. */
    public byte[] toAml() {
        return Aml.buffer(descriptors());
    }
}
