/*
 * smp (run with 2 processors): the BSP starts the AP with INIT, SIPI, SIPI through its local
 * APIC's ICR (destination shorthand "all excluding self"), the AP comes up through a real-mode
 * trampoline at 0x70000 into long mode, and both add 1 to a shared counter with LOCK XADD
 * ROUNDS times. The total must be exactly 2 * ROUNDS.
 */
#include "x86.h"

#define TRAMPOLINE 0x70000UL
#define ROUNDS 100000
#define ICR_INIT 0x00000500
#define ICR_STARTUP 0x00000600
#define ICR_ASSERT 0x00004000
#define ICR_ALL_BUT_SELF 0x000C0000
#define ICR_PENDING 0x00001000

extern char tramp_start[], tramp_end[];
extern uint64_t lm_next, lm_stack;

static uint8_t ap_stack[16384] __attribute__((aligned(16)));
static volatile uint32_t ap_started, ap_apic_id, go, ap_done;
static volatile uint32_t counter;
static volatile uint32_t ap_last_seen; /* what the AP's last XADD returned, so the result is used */

static void add_rounds(volatile uint32_t *last)
{
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t one = 1;
        __asm__ volatile("lock xaddl %0, %1" : "+r"(one), "+m"(counter) : : "memory");
        *last = one;
    }
}

static void ap_main(void)
{
    ap_apic_id = lapic_id();
    __atomic_store_n(&ap_started, 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&go, __ATOMIC_SEQ_CST)) {
        __asm__ volatile("pause");
    }
    add_rounds(&ap_last_seen);
    __atomic_store_n(&ap_done, 1, __ATOMIC_SEQ_CST);
    for (;;) {
        __asm__ volatile("cli; hlt");
    }
}

static void send_ipi(uint32_t command)
{
    lapic_write(LAPIC_ICR_HIGH, 0);
    lapic_write(LAPIC_ICR_LOW, command);
    while (lapic_read(LAPIC_ICR_LOW) & ICR_PENDING) {
        __asm__ volatile("pause");
    }
}

/* Polls flag for up to ms milliseconds (PIT-timed); 1 when it became set. */
static int wait_for(volatile uint32_t *flag, uint32_t ms)
{
    for (uint32_t i = 0; i < ms; i++) {
        if (__atomic_load_n(flag, __ATOMIC_SEQ_CST)) {
            return 1;
        }
        pit_delay_us(1000);
    }
    return __atomic_load_n(flag, __ATOMIC_SEQ_CST) != 0;
}

void kmain(void)
{
    guest_begin("smp");
    idt_init();
    pic_disable();
    lapic_enable();
    uint32_t bsp_id = lapic_id();

    uint8_t *dst = (uint8_t *)TRAMPOLINE;
    for (char *src = tramp_start; src < tramp_end; src++) {
        *dst++ = (uint8_t)*src;
    }
    lm_next = (uint64_t)ap_main;
    lm_stack = (uint64_t)(ap_stack + sizeof ap_stack);

    send_ipi(ICR_ALL_BUT_SELF | ICR_ASSERT | ICR_INIT);
    pit_delay_us(10000);
    for (int i = 0; i < 2 && !ap_started; i++) {
        send_ipi(ICR_ALL_BUT_SELF | ICR_ASSERT | ICR_STARTUP | (uint32_t)(TRAMPOLINE >> 12));
        pit_delay_us(200);
    }
    if (!wait_for(&ap_started, 2000)) {
        fail("the AP did not start within 2 s");
    }
    put_str("smp: AP started, APIC id ");
    put_dec(ap_apic_id);
    put_str(" (BSP ");
    put_dec(bsp_id);
    put_str(")\n");
    check("AP has its own APIC id", ap_apic_id != bsp_id);

    uint32_t bsp_last_seen = 0;
    __atomic_store_n(&go, 1, __ATOMIC_SEQ_CST);
    add_rounds(&bsp_last_seen);
    if (!wait_for(&ap_done, 10000)) {
        fail("the AP did not finish its rounds within 10 s");
    }
    uint32_t total = __atomic_load_n(&counter, __ATOMIC_SEQ_CST);
    put_str("smp: counter total = ");
    put_dec(total);
    put_char('\n');
    check("LOCK XADD counter total 200000", total == 2 * ROUNDS);
    check("one of the last XADDs returned 199999", bsp_last_seen == 2 * ROUNDS - 1 || ap_last_seen == 2 * ROUNDS - 1);
    finish();
}
