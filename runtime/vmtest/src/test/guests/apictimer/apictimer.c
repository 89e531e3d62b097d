/*
 * apictimer: the local APIC timer. The current count must count down; periodic mode (vector 0x40) must deliver TICKS interrupts
 * while the BSP sleeps in HLT; one-shot mode (vector 0x41) exactly one, after which the current
 * count reads 0; a masked timer none.
 */
#include "x86.h"

#define PERIODIC_VECTOR 0x40
#define ONESHOT_VECTOR 0x41
#define TICKS 20
#define LVT_MASKED (1 << 16)
#define LVT_PERIODIC (1 << 17)

static volatile uint32_t periodic_ticks, oneshot_ticks;

static void on_periodic(struct frame *f)
{
    (void)f;
    if (++periodic_ticks == TICKS) {
        lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | LVT_PERIODIC | PERIODIC_VECTOR);
    }
    lapic_write(LAPIC_EOI, 0);
}

static void on_oneshot(struct frame *f)
{
    (void)f;
    oneshot_ticks++;
    lapic_write(LAPIC_EOI, 0);
}

static void periodic(void)
{
    lapic_write(LAPIC_TIMER_DIVIDE, 0x3); /* divide by 16 */
    lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | PERIODIC_VECTOR);
    lapic_write(LAPIC_TIMER_INITIAL, 100000);
    __asm__ volatile("sti");
    while (periodic_ticks < TICKS) {
        __asm__ volatile("hlt");
    }
    __asm__ volatile("cli");
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | PERIODIC_VECTOR);
    lapic_write(LAPIC_TIMER_INITIAL, 0);
    put_str("apictimer: ");
    put_dec(periodic_ticks);
    put_str(" periodic ticks on vector 0x40\n");
    check("periodic ticks", periodic_ticks == TICKS);
}

static void counts_down(void)
{
    lapic_write(LAPIC_TIMER_DIVIDE, 0xB); /* divide by 1 */
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | ONESHOT_VECTOR);
    lapic_write(LAPIC_TIMER_INITIAL, 0xFFFFFFFF);
    uint32_t first = lapic_read(LAPIC_TIMER_CURRENT);
    pit_delay_us(1000);
    uint32_t second = lapic_read(LAPIC_TIMER_CURRENT);
    lapic_write(LAPIC_TIMER_INITIAL, 0);
    put_str("apictimer: current count ");
    put_hex(first);
    put_str(" then, 1 ms later, ");
    put_hex(second);
    put_char('\n');
    check("current count counts down", first != 0 && second < first);
}

static void oneshot(void)
{
    lapic_write(LAPIC_TIMER_DIVIDE, 0xB); /* divide by 1 */
    lapic_write(LAPIC_LVT_TIMER, ONESHOT_VECTOR);
    lapic_write(LAPIC_TIMER_INITIAL, 50000);
    __asm__ volatile("sti");
    while (oneshot_ticks == 0) {
        __asm__ volatile("hlt");
    }
    pit_delay_us(20000); /* time for a wrong second interrupt, interrupts on */
    __asm__ volatile("cli");
    check("one-shot fires once", oneshot_ticks == 1);
    check("one-shot current count reads 0 after expiry", lapic_read(LAPIC_TIMER_CURRENT) == 0);
}

static void masked(void)
{
    uint32_t before = periodic_ticks;
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | LVT_PERIODIC | PERIODIC_VECTOR);
    lapic_write(LAPIC_TIMER_INITIAL, 1000);
    __asm__ volatile("sti");
    pit_delay_us(20000);
    __asm__ volatile("cli");
    lapic_write(LAPIC_TIMER_INITIAL, 0);
    check("masked timer delivers nothing", periodic_ticks == before);
}

void kmain(void)
{
    guest_begin("apictimer");
    idt_init();
    idt_set_handler(PERIODIC_VECTOR, on_periodic);
    idt_set_handler(ONESHOT_VECTOR, on_oneshot);
    pic_disable();
    lapic_enable();
    uint32_t version = lapic_read(LAPIC_VERSION);
    put_str("apictimer: local APIC id=");
    put_dec(lapic_id());
    put_str(" version=");
    put_hex(version & 0xFF);
    put_char('\n');
    counts_down();
    periodic();
    oneshot();
    masked();
    finish();
}
