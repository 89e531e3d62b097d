/*
 * Instructions that raise exceptions, each at a global label (the RIP the handler must see) and
 * followed by a resume label (where the handler continues after a fault).
 */
    .text
    .code64
    .globl do_divide_error, divide_insn, divide_resume
do_divide_error:
    mov $1, %eax
    xor %edx, %edx
    xor %ecx, %ecx
divide_insn:
    div %ecx
divide_resume:
    ret

    .globl do_invalid_opcode, ud2_insn, ud2_resume
do_invalid_opcode:
ud2_insn:
    ud2
ud2_resume:
    ret

    .globl do_unknown_msr, rdmsr_insn, rdmsr_resume
do_unknown_msr:
    mov $0x4B564D77, %ecx              /* no such MSR */
rdmsr_insn:
    rdmsr
rdmsr_resume:
    ret

    .globl do_bad_selector, bad_selector_insn, bad_selector_resume
do_bad_selector:
    mov $0x78, %eax                    /* index 15: beyond the 4-entry GDT */
bad_selector_insn:
    mov %eax, %fs
bad_selector_resume:
    ret

    .globl do_breakpoint, after_int3
do_breakpoint:
    int3
after_int3:
    ret
