/* Local APIC, I/O APIC, the 8259 pair and a PIT-based delay. */
#include "x86.h"

void lapic_enable(void)
{
    wrmsr(0x1B, rdmsr(0x1B) | (1 << 11)); /* IA32_APIC_BASE: global enable */
    lapic_write(LAPIC_SVR, 0x100 | SPURIOUS_VECTOR);
}

uint32_t lapic_id(void)
{
    return lapic_read(LAPIC_ID) >> 24;
}

int lapic_in_service(int vector)
{
    return (lapic_read(LAPIC_ISR + 0x10 * (uint32_t)(vector / 32)) >> (vector % 32)) & 1;
}

uint32_t ioapic_read(uint32_t reg)
{
    mmio_write32(IOAPIC_BASE, reg);
    return mmio_read32(IOAPIC_BASE + 0x10);
}

void ioapic_write(uint32_t reg, uint32_t v)
{
    mmio_write32(IOAPIC_BASE, reg);
    mmio_write32(IOAPIC_BASE + 0x10, v);
}

/* Fixed delivery, physical destination, edge triggered, active high, unmasked. */
void ioapic_route(int pin, int vector, uint32_t apic_id)
{
    ioapic_write(0x10 + 2 * (uint32_t)pin + 1, apic_id << 24);
    ioapic_write(0x10 + 2 * (uint32_t)pin, (uint32_t)vector);
}

void pic_disable(void)
{
    outb(0x20, 0x11);
    outb(0xA0, 0x11);
    outb(0x21, 0x20);
    outb(0xA1, 0x28);
    outb(0x21, 0x04);
    outb(0xA1, 0x02);
    outb(0x21, 0x01);
    outb(0xA1, 0x01);
    outb(0x21, 0xFF);
    outb(0xA1, 0xFF);
}

void pit_delay_us(uint32_t us)
{
    uint32_t count = (uint32_t)((uint64_t)us * 1193182 / 1000000);
    if (count == 0) {
        count = 1;
    }
    if (count > 0xFFFF) {
        count = 0xFFFF;
    }
    outb(0x61, (uint8_t)((inb(0x61) & ~0x02) | 0x01)); /* gate 2 on, speaker off */
    outb(0x43, 0xB0);                                   /* channel 2, lo/hi, mode 0 */
    outb(0x42, (uint8_t)count);
    outb(0x42, (uint8_t)(count >> 8));
    while ((inb(0x61) & 0x20) == 0) {
    }
}
