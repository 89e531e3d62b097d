/* hello: the smallest guest. 32-bit protected mode as Multiboot leaves it; one line on COM1. */
#include "guest.h"

void kmain(uint32_t magic, uint32_t info)
{
    guest_begin("hello");
    guest_line("Hello from a jvmm test guest");
    check("multiboot magic 0x2badb002", magic == 0x2BADB002);
    uint32_t flags = *(volatile uint32_t *)(uintptr_t)info;
    check("multiboot info has memory sizes", (flags & 1) != 0);
    finish();
}
