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

    /** {@code WordBusNumber(ResourceProducer, MinFixed, MaxFixed, PosDecode, 0, min, max, 0, n)}: 0x88, type 2. */
    public ResourceTemplate wordBusNumber(int min, int max) {
        return word(2, 0, min, max);
    }

    /** {@code WordIO(ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange, 0, min, max, 0, n)}: 0x88, type 1. */
    public ResourceTemplate wordIo(int min, int max) {
        return word(1, 3, min, max);
    }

    /** {@code DWordMemory(ResourceProducer, PosDecode, MinFixed, MaxFixed, NonCacheable, ReadWrite, ...)}: 0x87. */
    public ResourceTemplate dwordMemory(long min, long max) {
        bytes.u8(0x87).u16(23).u8(0).u8(PRODUCER_FIXED).u8(READ_WRITE).u32(0).u32(min).u32(max).u32(0)
                .u32(max - min + 1);
        return this;
    }

    /** {@code QWordMemory(ResourceProducer, PosDecode, MinFixed, MaxFixed, Prefetchable, ReadWrite, ...)}: 0x8A. */
    public ResourceTemplate qwordMemory(long min, long max) {
        bytes.u8(0x8A).u16(43).u8(0).u8(PRODUCER_FIXED).u8(READ_WRITE | PREFETCHABLE).u64(0).u64(min).u64(max).u64(0)
                .u64(max - min + 1);
        return this;
    }

    /** General flags of a producer window: MinFixed, MaxFixed, positive decode. */
    private static final int PRODUCER_FIXED = 0x0C;
    private static final int READ_WRITE = 0x01;
    private static final int PREFETCHABLE = 0x06;

    private ResourceTemplate word(int type, int typeFlags, int min, int max) {
        if (min < 0 || max > 0xFFFF || max < min) {
            throw new IllegalArgumentException("word range must be within 0..0xFFFF: " + min + ".." + max);
        }
        bytes.u8(0x88).u16(13).u8(type).u8(PRODUCER_FIXED).u8(typeFlags).u16(0).u16(min).u16(max).u16(0)
                .u16(max - min + 1);
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
