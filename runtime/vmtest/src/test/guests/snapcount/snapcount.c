/*
 * snapcount: a counter for the snapshot test to stop and continue. Each round spins a fixed number of
 * iterations while the local APIC timer runs periodically (vector 0x40, its interrupts counted), then
 * prints the round and the ticks so far. Under --deterministic the ticks land on exact instructions,
 * so every run prints the same lines, and a run saved and restored must print them too: the APIC
 * timer, the IDT, RAM and the processor all have to come back exactly.
 */
#include "x86.h"

#define TICK_VECTOR 0x40
#define ROUNDS 16
#define SPIN 20000000u
#define LVT_PERIODIC (1 << 17)
#define LVT_MASKED (1 << 16)

static volatile uint32_t ticks;

static void on_tick(struct frame *f)
{
    (void)f;
    ticks++;
    lapic_write(LAPIC_EOI, 0);
}

void kmain(void)
{
    guest_begin("snapcount");
    idt_init();
    idt_set_handler(TICK_VECTOR, on_tick);
    pic_disable();
    lapic_enable();
    lapic_write(LAPIC_TIMER_DIVIDE, 0x3); /* divide by 16 */
    lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | TICK_VECTOR);
    lapic_write(LAPIC_TIMER_INITIAL, 200000);
    __asm__ volatile("sti");
    for (uint32_t round = 1; round <= ROUNDS; round++) {
        for (volatile uint32_t i = 0; i < SPIN; i++) {
        }
        uint32_t now = ticks;
        put_str("snapcount: round ");
        put_dec(round);
        put_str(" ticks ");
        put_dec(now);
        put_char('\n');
    }
    __asm__ volatile("cli");
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | TICK_VECTOR);
    check("the timer ticked in every round", ticks >= ROUNDS);
    finish();
}
