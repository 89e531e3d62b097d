/*
 * The application processor's way in. The BSP copies tramp_start..tramp_end to a page below
 * 1 MiB and names that page in the start-up IPI; the AP starts there in real mode (CS = page >> 4,
 * IP = 0), loads the guest's GDT, enters protected mode and jumps to ap_prot32 in the kernel
 * image, which takes boot.S's lm_enter32 into long mode (lm_next/lm_stack set by the BSP).
 */
    .text
    .code16
    .globl tramp_start, tramp_end
tramp_start:
    cli
    cld
    mov %cs, %ax
    mov %ax, %ds
    lgdtl tramp_gdtr - tramp_start
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $0x08, $ap_prot32
    .align 8
tramp_gdtr:
    .word gdt64_limit
    .long gdt64
tramp_end:

    .code32
ap_prot32:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    jmp lm_enter32
