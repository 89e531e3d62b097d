/*
 * exceptions: #DE, #UD, #GP (unknown MSR and a selector beyond the GDT limit) and #BP in long
 * mode, each through its IDT gate. The handler records vector, error code and RIP; faults resume
 * after the faulting instruction, the #BP trap where it was reported. (QEMU's TCG returns 0 for an
 * unknown MSR instead of raising #GP as hardware and KVM do, so that one check fails there.)
 */
#include "x86.h"

extern void do_divide_error(void), do_invalid_opcode(void), do_unknown_msr(void);
extern void do_bad_selector(void), do_breakpoint(void);
extern char divide_insn[], ud2_insn[], rdmsr_insn[], bad_selector_insn[], after_int3[];
extern char divide_resume[], ud2_resume[], rdmsr_resume[], bad_selector_resume[];

static volatile uint64_t seen_vector, seen_error, seen_rip, seen_count;
static volatile uint64_t resume_at;

static void record(struct frame *f)
{
    seen_vector = f->vector;
    seen_error = f->error;
    seen_rip = f->rip;
    seen_count++;
    if (resume_at) {
        f->rip = resume_at;
    }
}

static void expect(const char *name, void (*trigger)(void), uint64_t vector, uint64_t error,
                   const char *rip, const char *resume)
{
    seen_vector = seen_error = seen_rip = ~0UL;
    seen_count = 0;
    resume_at = (uint64_t)resume;
    trigger();
    put_str("exceptions: ");
    put_str(name);
    put_str(" vector=");
    put_dec(seen_vector);
    put_str(" error=");
    put_hex(seen_error);
    put_str(" rip=");
    put_hex(seen_rip);
    put_char('\n');
    check(name, seen_count == 1 && seen_vector == vector && seen_error == error && seen_rip == (uint64_t)rip);
}

void kmain(void)
{
    guest_begin("exceptions");
    idt_init();
    for (int v = 0; v < 32; v++) {
        idt_set_handler(v, record);
    }
    expect("#DE divide by zero", do_divide_error, 0, 0, divide_insn, divide_resume);
    expect("#UD ud2", do_invalid_opcode, 6, 0, ud2_insn, ud2_resume);
    expect("#GP rdmsr of an unknown MSR", do_unknown_msr, 13, 0, rdmsr_insn, rdmsr_resume);
    expect("#GP selector beyond the GDT", do_bad_selector, 13, 0x78, bad_selector_insn, bad_selector_resume);
    expect("#BP int3", do_breakpoint, 3, 0, after_int3, 0);
    finish();
}
