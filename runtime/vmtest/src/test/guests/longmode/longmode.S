/*
 * longmode: every mode switch by itself, no C. Multiboot leaves the CPU in 32-bit protected
 * mode; the guest drops to real mode (through a 16-bit protected-mode segment, code copied to
 * 0x70000), checks CR0.PE = 0 and real-mode segment arithmetic, returns to protected mode,
 * builds 4-level page tables (4 KiB pages for the first 2 MiB, 2 MiB pages up to 1 GiB, and
 * the high-half address 0xffff800000000000 mapped to physical 0x200000), enters long mode and
 * from 64-bit code checks EFER.LMA, a 64-bit result and the high-half alias. It prints a line
 * from each mode.
 */
    .set MB_MAGIC, 0x1BADB002
    .set MB_FLAGS, 0x00000003
    .set COM1, 0x3F8
    .set DEBUG_EXIT, 0xF4
    .set EXIT_PASS, 0x10
    .set EXIT_FAIL, 0x11
    .set RM_SEG, 0x7000
    .set RM_BASE, RM_SEG << 4
    .set ALIAS_PHYS, 0x200000

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

    .text
    .code32
    .globl _start
_start:
    cli
    mov $stack_top, %esp
    call serial_init32
    mov $msg_pm_start, %esi
    call puts32
    mov $rm_start, %esi
    mov $RM_BASE, %edi
    mov $(rm_end - rm_start), %ecx
    cld
    rep movsb
    lgdt gdt_ptr
    ljmp $0x20, $0                     /* 16-bit code, based at RM_BASE */

/* Copied to RM_BASE; entered in 16-bit protected mode at offset 0. */
    .code16
rm_start:
    mov $0x28, %ax                     /* 16-bit data: 64 KiB limits for real mode */
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov %ax, %fs
    mov %ax, %gs
    mov %cr0, %eax
    and $0xFFFFFFFE, %eax
    mov %eax, %cr0
    ljmp $RM_SEG, $(rm_real - rm_start)
rm_real:
    mov $RM_SEG, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0xFFF0, %sp
    mov %cr0, %eax
    test $1, %al
    jnz rm_fail
    movb $0xA5, (rm_scratch - rm_start)           /* linear RM_BASE + offset ... */
    mov $(RM_SEG + 1), %ax
    mov %ax, %es
    cmpb $0xA5, %es:(rm_scratch - rm_start - 16)  /* ... is (RM_SEG + 1):(offset - 16) */
    jne rm_fail
    mov $(rm_msg_real - rm_start), %si
    call puts16
    lgdtl (rm_gdtr - rm_start)
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $0x08, $pm32_again
rm_fail:
    mov $(rm_msg_fail - rm_start), %si
    call puts16
    mov $EXIT_FAIL, %al
    out %al, $DEBUG_EXIT
1:  hlt
    jmp 1b
puts16:
    lodsb
    test %al, %al
    jz 2f
    mov %al, %bl
    mov $(COM1 + 5), %dx
1:  in %dx, %al
    test $0x20, %al
    jz 1b
    mov %bl, %al
    mov $COM1, %dx
    out %al, %dx
    jmp puts16
2:  ret
rm_msg_real: .asciz "longmode: real mode, CS=0x7000, CR0.PE=0, segment arithmetic OK\r\n"
rm_msg_fail: .asciz "longmode: real mode FAIL\r\nlongmode: FAIL\r\n"
    .align 4
rm_gdtr:
    .word gdt_end - gdt - 1
    .long gdt
rm_scratch:
    .byte 0
rm_end:

    .code32
pm32_again:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $stack_top, %esp
    mov $msg_pm_again, %esi
    call puts32
    call build_page_tables
    mov %cr4, %eax
    or $0x20, %eax                     /* PAE */
    mov %eax, %cr4
    mov $pml4, %eax
    mov %eax, %cr3
    mov $0xC0000080, %ecx              /* EFER.LME */
    rdmsr
    or $0x100, %eax
    wrmsr
    mov %cr0, %eax
    or $0x80000000, %eax               /* PG */
    mov %eax, %cr0
    ljmp $0x18, $lm64

build_page_tables:
    xor %ecx, %ecx                     /* PT: 4 KiB pages for 0-2 MiB */
1:  mov %ecx, %eax
    shl $12, %eax
    or $3, %eax
    mov %eax, pt_low(,%ecx,8)
    inc %ecx
    cmp $512, %ecx
    jb 1b
    mov $pt_low, %eax
    or $3, %eax
    mov %eax, pd_low
    mov $1, %ecx                       /* PD: 2 MiB pages for 2 MiB-1 GiB */
2:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax
    mov %eax, pd_low(,%ecx,8)
    inc %ecx
    cmp $512, %ecx
    jb 2b
    mov $pd_low, %eax
    or $3, %eax
    mov %eax, pdpt_low
    mov $pdpt_low, %eax
    or $3, %eax
    mov %eax, pml4
    movl $(ALIAS_PHYS | 0x83), pd_high /* 0xffff800000000000 -> ALIAS_PHYS */
    mov $pd_high, %eax
    or $3, %eax
    mov %eax, pdpt_high
    mov $pdpt_high, %eax
    or $3, %eax
    mov %eax, pml4 + 256 * 8
    ret

serial_init32:
    mov $COM1 + 1, %dx
    xor %al, %al
    out %al, %dx                       /* no interrupts */
    mov $COM1 + 3, %dx
    mov $0x80, %al
    out %al, %dx                       /* DLAB */
    mov $COM1, %dx
    mov $1, %al
    out %al, %dx                       /* 115200 baud */
    mov $COM1 + 1, %dx
    xor %al, %al
    out %al, %dx
    mov $COM1 + 3, %dx
    mov $3, %al
    out %al, %dx                       /* 8N1 */
    ret

puts32:
    lodsb
    test %al, %al
    jz 2f
    mov %al, %bl
    mov $(COM1 + 5), %dx
1:  in %dx, %al
    test $0x20, %al
    jz 1b
    mov %bl, %al
    mov $COM1, %dx
    out %al, %dx
    jmp puts32
2:  ret

    .code64
lm64:
    mov $0x10, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    mov $stack_top, %esp
    lea msg_lm(%rip), %rsi
    call puts64
    mov $0xC0000080, %ecx
    rdmsr
    test $0x400, %eax                  /* EFER.LMA */
    jz lm_fail
    lea msg_lma(%rip), %rsi
    call puts64
    movabs $0x0123456789ABCDEF, %rax
    shl $4, %rax
    movabs $0x123456789ABCDEF0, %rbx
    cmp %rbx, %rax
    jne lm_fail
    mov %rax, %r12
    lea msg_value(%rip), %rsi
    call puts64                        /* clobbers RAX, RBX, RDX, RSI */
    mov %r12, %rax
    call puthex64
    lea msg_ok(%rip), %rsi
    call puts64
    movabs $0x1122334455667788, %rax   /* write physical, read the alias */
    mov %rax, ALIAS_PHYS + 0x10
    movabs $0xFFFF800000000010, %rbx
    cmp (%rbx), %rax
    jne lm_fail
    not %rax                           /* write the alias, read physical */
    mov %rax, (%rbx)
    cmp ALIAS_PHYS + 0x10, %rax
    jne lm_fail
    lea msg_alias(%rip), %rsi
    call puts64
    lea msg_pass(%rip), %rsi
    call puts64
    mov $EXIT_PASS, %al
    out %al, $DEBUG_EXIT
    jmp halt64
lm_fail:
    lea msg_fail(%rip), %rsi
    call puts64
    mov $EXIT_FAIL, %al
    out %al, $DEBUG_EXIT
halt64:
    cli
    hlt
    jmp halt64

puts64:
    lodsb
    test %al, %al
    jz 2f
    mov %al, %bl
    mov $(COM1 + 5), %dx
1:  in %dx, %al
    test $0x20, %al
    jz 1b
    mov %bl, %al
    mov $COM1, %dx
    out %al, %dx
    jmp puts64
2:  ret

/* Prints RAX as 0x and 16 hex digits. */
puthex64:
    push %rax
    lea msg_0x(%rip), %rsi
    call puts64
    pop %rax
    mov $16, %ecx
1:  rol $4, %rax
    mov %eax, %r8d
    and $15, %r8d
    lea hex_digits(%rip), %r9
    movzbl (%r9,%r8), %r8d
    mov $(COM1 + 5), %dx
2:  push %rax
    in %dx, %al
    test $0x20, %al
    pop %rax
    jz 2b
    push %rax
    mov %r8d, %eax
    mov $COM1, %dx
    out %al, %dx
    pop %rax
    loop 1b
    ret

    .section .rodata
msg_pm_start: .asciz "longmode: 32-bit protected mode from Multiboot\r\n"
msg_pm_again: .asciz "longmode: back in 32-bit protected mode\r\n"
msg_lm:       .asciz "longmode: 64-bit long mode\r\n"
msg_lma:      .asciz "longmode: EFER.LMA set OK\r\n"
msg_value:    .asciz "longmode: 64-bit result "
msg_ok:       .asciz " OK\r\n"
msg_alias:    .asciz "longmode: high-half alias 0xffff800000000010 = physical 0x200010 OK\r\n"
msg_pass:     .asciz "longmode: PASS\r\n"
msg_fail:     .asciz "longmode: FAIL\r\n"
msg_0x:       .asciz "0x"
hex_digits:   .ascii "0123456789abcdef"

    .align 16
gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF           /* 0x08: 32-bit code */
    .quad 0x00CF92000000FFFF           /* 0x10: data */
    .quad 0x00AF9A000000FFFF           /* 0x18: 64-bit code */
    .quad 0x00009A070000FFFF           /* 0x20: 16-bit code, base RM_BASE, 64 KiB */
    .quad 0x000092000000FFFF           /* 0x28: 16-bit data, base 0, 64 KiB */
gdt_end:
    .align 8
gdt_ptr:
    .word gdt_end - gdt - 1
    .long gdt

    .bss
    .align 4096
pml4:      .skip 4096
pdpt_low:  .skip 4096
pd_low:    .skip 4096
pt_low:    .skip 4096
pdpt_high: .skip 4096
pd_high:   .skip 4096
    .align 16
    .skip 8192
stack_top:
