/*
 * Multiboot v1 entry of a 64-bit guest: identity-maps 4 GiB with 2 MiB pages (4-level paging),
 * enters long mode and calls lm_next on lm_stack; the BSP's lm_next is kmain64 below.
 * lm_enter32 is also the way in for application processors (smp guest): flat 32-bit
 * protected mode, page tables already built, lm_next/lm_stack set for them.
 */
    .set MB_MAGIC, 0x1BADB002
    .set MB_FLAGS, 0x00000003

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

    .text
    .code32
    .globl _start
_start:
    cli
    mov $boot_stack_top, %esp
    mov %eax, mb_magic
    mov %ebx, mb_info
    mov $pdpt, %eax                    /* PML4[0] -> PDPT */
    or $3, %eax
    mov %eax, pml4
    xor %ecx, %ecx                     /* PDPT[0..3] -> the four page directories */
1:  mov %ecx, %eax
    shl $12, %eax
    add $pd, %eax
    or $3, %eax
    mov %eax, pdpt(,%ecx,8)
    inc %ecx
    cmp $4, %ecx
    jb 1b
    xor %ecx, %ecx                     /* PD entries: 2 MiB pages, present, writable */
2:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax
    mov %eax, pd(,%ecx,8)
    inc %ecx
    cmp $2048, %ecx
    jb 2b
    movl $kmain64, lm_next
    movl $boot_stack_top, lm_stack

    .globl lm_enter32
lm_enter32:
    lgdt gdt64_ptr
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
    or $0x80000001, %eax               /* PG, PE */
    mov %eax, %cr0
    ljmp $0x18, $lm64

    .code64
lm64:
    mov $0x10, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    xor %eax, %eax
    mov %eax, %fs
    mov %eax, %gs
    mov lm_stack(%rip), %rsp
    call *lm_next(%rip)
3:  cli
    hlt
    jmp 3b

kmain64:
    mov mb_magic(%rip), %edi
    mov mb_info(%rip), %esi
    jmp kmain

    .section .rodata
    .align 16
    .globl gdt64
gdt64:
    .quad 0
    .quad 0x00CF9A000000FFFF           /* 0x08: 32-bit code */
    .quad 0x00CF92000000FFFF           /* 0x10: data */
    .quad 0x00AF9A000000FFFF           /* 0x18: 64-bit code */
gdt64_end:
    .globl gdt64_limit
    .set gdt64_limit, gdt64_end - gdt64 - 1
    .align 8
gdt64_ptr:
    .word gdt64_end - gdt64 - 1
    .quad gdt64

    .data
    .align 8
    .globl lm_next, lm_stack
lm_next:  .quad 0
lm_stack: .quad 0
mb_magic: .long 0
mb_info:  .long 0

    .bss
    .align 4096
    .globl pml4
pml4: .skip 4096
pdpt: .skip 4096
pd:   .skip 4 * 4096
    .align 16
    .skip 16384
boot_stack_top:
