/*
 * pagefault: #PF in long mode with 4-level paging. Each case touches an address the page tables
 * do not allow, checks CR2, the error code and the faulting RIP in the handler, lets the handler
 * fix the mapping, and checks that the retried access then works:
 *   read of an unmapped page (PML4 entry absent)       error 0x0
 *   write to a present read-only page, CR0.WP set      error 0x3
 *   write to an unmapped page                          error 0x2
 *   read at a high-half canonical address              error 0x0
 *   instruction fetch from a no-execute page           error 0x11 (when CPUID offers NX)
 * and that the accessed and dirty bits get set.
 */
#include "x86.h"

#define PTE_P 0x1UL
#define PTE_W 0x2UL
#define PTE_A 0x20UL
#define PTE_D 0x40UL
#define PTE_NX (1UL << 63)
#define ADDR_MASK 0x000FFFFFFFFFF000UL

#define VA_LOW 0x0000008000000000UL  /* PML4 index 1 */
#define VA_HIGH 0xFFFF800000001000UL /* PML4 index 256 */

static uint8_t pool[16][4096] __attribute__((aligned(4096)));
static int pool_used;
static uint8_t frames[4][4096] __attribute__((aligned(4096)));

static volatile uint64_t fault_cr2, fault_error, fault_rip, fault_count;
static volatile uint64_t fix_set, fix_clear; /* PTE bits the handler sets/clears at CR2 */
static volatile uint64_t fix_frame;          /* frame to map when the PTE is not present */

static uint64_t *table_entry(uint64_t *table, int index)
{
    if ((table[index] & PTE_P) == 0) {
        if (pool_used == 16) {
            fail("page-table pool exhausted");
        }
        table[index] = (uint64_t)pool[pool_used++] | PTE_P | PTE_W;
    }
    return (uint64_t *)(table[index] & ADDR_MASK);
}

/* The PTE of va, creating the PDPT/PD/PT above it as needed. */
static uint64_t *pte_of(uint64_t va)
{
    uint64_t *t = (uint64_t *)(read_cr3() & ADDR_MASK);
    t = table_entry(t, (int)((va >> 39) & 511));
    t = table_entry(t, (int)((va >> 30) & 511));
    t = table_entry(t, (int)((va >> 21) & 511));
    return &t[(va >> 12) & 511];
}

static void on_page_fault(struct frame *f)
{
    fault_cr2 = read_cr2();
    fault_error = f->error;
    fault_rip = f->rip;
    fault_count++;
    uint64_t *pte = pte_of(fault_cr2);
    if ((*pte & PTE_P) == 0) {
        *pte = fix_frame;
    }
    *pte = (*pte | fix_set) & ~fix_clear;
    invlpg(fault_cr2);
}

static void arm(uint64_t frame, uint64_t set, uint64_t clear)
{
    fault_cr2 = fault_error = fault_rip = ~0UL;
    fault_count = 0;
    fix_frame = frame;
    fix_set = set;
    fix_clear = clear;
}

static void report(const char *what, uint64_t cr2, uint64_t error, int more)
{
    put_str("pagefault: ");
    put_str(what);
    put_str(" cr2=");
    put_hex(fault_cr2);
    put_str(" error=");
    put_hex(fault_error);
    put_char('\n');
    check(what, fault_count == 1 && fault_cr2 == cr2 && fault_error == error && more);
}

static uint64_t nx_supported(void)
{
    uint32_t a, b, c, d;
    cpuid(0x80000000, &a, &b, &c, &d);
    if (a < 0x80000001) {
        return 0;
    }
    cpuid(0x80000001, &a, &b, &c, &d);
    return (d >> 20) & 1;
}

static void fetch_from_nx_page(void)
{
    uint64_t va = VA_LOW + 0x3000;
    uint64_t frame = (uint64_t)frames[3];
    frames[3][0] = 0xC3; /* ret */
    wrmsr(0xC0000080, rdmsr(0xC0000080) | (1 << 11)); /* EFER.NXE */
    *pte_of(va) = frame | PTE_P | PTE_NX;
    invlpg(va);
    arm(0, 0, PTE_NX);
    ((void (*)(void))va)();
    report("fetch from a no-execute page", va, 0x11, fault_rip == va);
}

void kmain(void)
{
    guest_begin("pagefault");
    idt_init();
    idt_set_handler(14, on_page_fault);
    write_cr0(read_cr0() | (1 << 16)); /* CR0.WP */
    for (int i = 0; i < 4096; i++) {
        frames[0][i] = (uint8_t)i;
    }

    volatile uint8_t *low = (volatile uint8_t *)VA_LOW;
    arm((uint64_t)frames[0] | PTE_P, 0, 0);
    uint8_t got = low[0x123];
    report("read of an unmapped page", VA_LOW + 0x123, 0x0, got == 0x23);
    check("accessed bit set by the read", (*pte_of(VA_LOW) & PTE_A) != 0);

    arm(0, PTE_W, 0);
    low[0x456] = 0xA5;
    report("write to a read-only page", VA_LOW + 0x456, 0x3, frames[0][0x456] == 0xA5);
    check("dirty bit set by the write", (*pte_of(VA_LOW) & PTE_D) != 0);

    arm((uint64_t)frames[1] | PTE_P | PTE_W, 0, 0);
    low[0x1789] = 0x5A;
    report("write to an unmapped page", VA_LOW + 0x1789, 0x2, frames[1][0x789] == 0x5A);

    frames[2][0xABC] = 0x77;
    arm((uint64_t)frames[2] | PTE_P, 0, 0);
    got = *(volatile uint8_t *)(VA_HIGH + 0xABC);
    report("read at a high-half address", VA_HIGH + 0xABC, 0x0, got == 0x77);

    if (nx_supported()) {
        fetch_from_nx_page();
    } else {
        guest_line("no NX in CPUID: no-execute case skipped");
    }
    finish();
}
