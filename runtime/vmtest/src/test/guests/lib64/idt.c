/* The 64-bit IDT: interrupt gates to the stubs of isr.S, dispatched to per-vector C handlers. */
#include "x86.h"

struct gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type;
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));

struct idtr {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

#define CODE64_SELECTOR 0x18
#define INTERRUPT_GATE 0x8E

extern char isr_stubs[];
static struct gate idt[256] __attribute__((aligned(16)));
static isr_handler handlers[256];

void idt_init(void)
{
    for (int v = 0; v < 256; v++) {
        uint64_t at = (uint64_t)isr_stubs + 16 * (uint64_t)v;
        idt[v].offset_low = (uint16_t)at;
        idt[v].selector = CODE64_SELECTOR;
        idt[v].ist = 0;
        idt[v].type = INTERRUPT_GATE;
        idt[v].offset_mid = (uint16_t)(at >> 16);
        idt[v].offset_high = (uint32_t)(at >> 32);
        idt[v].reserved = 0;
    }
    struct idtr r = { sizeof idt - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" : : "m"(r));
}

void idt_set_handler(int vector, isr_handler handler)
{
    handlers[vector] = handler;
}

void isr_dispatch(struct frame *f)
{
    isr_handler h = handlers[f->vector & 0xFF];
    if (h) {
        h(f);
        return;
    }
    put_str("unexpected vector ");
    put_hex(f->vector);
    put_str(" error ");
    put_hex(f->error);
    put_str(" rip ");
    put_hex(f->rip);
    put_str(" cr2 ");
    put_hex(read_cr2());
    put_char('\n');
    fail("unexpected interrupt or exception");
}
