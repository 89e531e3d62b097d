/* Marker lines "<guest>: ..." on COM1, the PASS/FAIL verdict, and the exit. */
#include "guest.h"

static const char *guest_name = "guest";
static int failures;

void guest_begin(const char *name)
{
    guest_name = name;
    serial_init();
}

void guest_line(const char *text)
{
    put_str(guest_name);
    put_str(": ");
    put_str(text);
    put_char('\n');
}

void check(const char *what, int ok)
{
    put_str(guest_name);
    put_str(": ");
    put_str(what);
    put_str(ok ? " OK\n" : " FAIL\n");
    if (!ok) {
        failures++;
    }
}

void finish(void)
{
    guest_line(failures == 0 ? "PASS" : "FAIL");
    guest_exit(failures == 0 ? EXIT_PASS : EXIT_FAIL);
}

void fail(const char *why)
{
    put_str(guest_name);
    put_str(": FAIL ");
    put_str(why);
    put_char('\n');
    guest_exit(EXIT_FAIL);
}

/* The debug-exit port ends the VM; without one, ACPI S5 through PM1a control (0x604). */
void guest_exit(uint8_t value)
{
    outb(DEBUG_EXIT_PORT, value);
    outw(0x604, (5 << 10) | (1 << 13));
    for (;;) {
        __asm__ volatile("cli; hlt");
    }
}
