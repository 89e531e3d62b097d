/* What every test guest has: port I/O, COM1 output and the exit. Built for -m32 and -m64. */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>

#define COM1 0x3F8
/* QEMU's isa-debug-exit, as the tests configure it (jvmm --debug-exit 0xf4). */
#define DEBUG_EXIT_PORT 0xF4
/* The values written to it; the VMM exits with status (value << 1) | 1. */
#define EXIT_PASS 0x10
#define EXIT_FAIL 0x11

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

void serial_init(void);
void put_char(char c);
void put_str(const char *s);
void put_hex(uint64_t v);
void put_dec(uint64_t v);

/* Test reporting: "<guest>: <what> OK" or "<guest>: <what> FAIL"; finish() prints PASS or FAIL and exits. */
void guest_begin(const char *name);
void guest_line(const char *text);
void check(const char *what, int ok);
__attribute__((noreturn)) void finish(void);
__attribute__((noreturn)) void fail(const char *why);
__attribute__((noreturn)) void guest_exit(uint8_t value);

#endif
