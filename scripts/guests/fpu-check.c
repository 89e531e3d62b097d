// jvmm-fpucheck: checks that a process's user state survives interrupts, system calls and
// context switches: XMM0-15, R8-R10/R12-R15/RBX and the 128-byte red zone below RSP. Usage:
// jvmm-fpucheck [PROCESSES [ITERATIONS]]; every other process makes getpid system calls in its
// spin loop. Prints JVMM-FPUCHECK-BAD lines for every difference and JVMM-FPUCHECK=ok or
// JVMM-FPUCHECK=failed <processes that saw one>. (hv-emu once skipped FXSAVE/FXRSTOR at
// upper-half addresses, so Linux's FPU switching did nothing and processes shared XMM registers.)
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

struct buf { uint64_t in[32], out[32], rin[8], rout[8], zin[16], zout[16]; };

static int check(int id, long iters, long sys) {
    struct buf b;
    int bad = 0;
    for (long it = 0; it < iters; it++) {
        for (int i = 0; i < 32; i++) b.in[i] = ((uint64_t)id << 56) ^ (it * 0x9E3779B97F4A7C15ull) ^ (i * 0x1111111111111111ull);
        for (int i = 0; i < 8; i++) b.rin[i] = b.in[i] ^ 0x5555;
        for (int i = 0; i < 16; i++) b.zin[i] = b.in[i] ^ 0xAAAA0000ull;
        memset(b.out, 0, sizeof b.out); memset(b.rout, 0, sizeof b.rout); memset(b.zout, 0, sizeof b.zout);
        __asm__ volatile(
            "movdqu 0(%0),%%xmm0\n movdqu 16(%0),%%xmm1\n movdqu 32(%0),%%xmm2\n movdqu 48(%0),%%xmm3\n"
            "movdqu 64(%0),%%xmm4\n movdqu 80(%0),%%xmm5\n movdqu 96(%0),%%xmm6\n movdqu 112(%0),%%xmm7\n"
            "movdqu 128(%0),%%xmm8\n movdqu 144(%0),%%xmm9\n movdqu 160(%0),%%xmm10\n movdqu 176(%0),%%xmm11\n"
            "movdqu 192(%0),%%xmm12\n movdqu 208(%0),%%xmm13\n movdqu 224(%0),%%xmm14\n movdqu 240(%0),%%xmm15\n"
            "mov 512(%0),%%r8\n mov 520(%0),%%r9\n mov 528(%0),%%r10\n mov 536(%0),%%r12\n"
            "mov 544(%0),%%r13\n mov 552(%0),%%r14\n mov 560(%0),%%r15\n mov 568(%0),%%rbx\n"
            "xor %%edx,%%edx\n"
            "2: mov 640(%0,%%rdx,8),%%rax\n neg %%rdx\n mov %%rax,-8(%%rsp,%%rdx,8)\n neg %%rdx\n inc %%rdx\n cmp $16,%%rdx\n jne 2b\n"
            "mov $20000,%%edx\n"
            "1: test %1,%1\n jz 3f\n mov $39,%%eax\n syscall\n"
            "3: dec %%edx\n jnz 1b\n"
            "xor %%edx,%%edx\n"
            "4: neg %%rdx\n mov -8(%%rsp,%%rdx,8),%%rax\n neg %%rdx\n mov %%rax,768(%0,%%rdx,8)\n inc %%rdx\n cmp $16,%%rdx\n jne 4b\n"
            "movdqu %%xmm0,256(%0)\n movdqu %%xmm1,272(%0)\n movdqu %%xmm2,288(%0)\n movdqu %%xmm3,304(%0)\n"
            "movdqu %%xmm4,320(%0)\n movdqu %%xmm5,336(%0)\n movdqu %%xmm6,352(%0)\n movdqu %%xmm7,368(%0)\n"
            "movdqu %%xmm8,384(%0)\n movdqu %%xmm9,400(%0)\n movdqu %%xmm10,416(%0)\n movdqu %%xmm11,432(%0)\n"
            "movdqu %%xmm12,448(%0)\n movdqu %%xmm13,464(%0)\n movdqu %%xmm14,480(%0)\n movdqu %%xmm15,496(%0)\n"
            "mov %%r8,576(%0)\n mov %%r9,584(%0)\n mov %%r10,592(%0)\n mov %%r12,600(%0)\n"
            "mov %%r13,608(%0)\n mov %%r14,616(%0)\n mov %%r15,624(%0)\n mov %%rbx,632(%0)\n"
            :
            : "D"(&b), "S"(sys)
            : "memory", "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rbx",
              "xmm0","xmm1","xmm2","xmm3","xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11","xmm12","xmm13","xmm14","xmm15");
        for (int i = 0; i < 32; i++) if (b.in[i] != b.out[i]) { bad++; printf("JVMM-FPUCHECK-BAD id=%d it=%ld xmm-q%d %016llx != %016llx\n", id, it, i, (unsigned long long)b.out[i], (unsigned long long)b.in[i]); }
        for (int i = 0; i < 8; i++) if (b.rin[i] != b.rout[i]) { bad++; printf("JVMM-FPUCHECK-BAD id=%d it=%ld gpr%d %016llx != %016llx\n", id, it, i, (unsigned long long)b.rout[i], (unsigned long long)b.rin[i]); }
        for (int i = 0; i < 16; i++) if (b.zin[i] != b.zout[i]) { bad++; printf("JVMM-FPUCHECK-BAD id=%d it=%ld redzone-%d %016llx != %016llx\n", id, it, 8*(i+1), (unsigned long long)b.zout[i], (unsigned long long)b.zin[i]); }
    }
    return bad;
}
int main(int argc, char **argv) {
    int procs = argc > 1 ? atoi(argv[1]) : 3; long iters = argc > 2 ? atol(argv[2]) : 200;
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int p = 0; p < procs; p++) {
        if (fork() == 0) {
            _exit(check(p + 1, iters, p & 1) ? 1 : 0);
        }
    }
    int fails = 0, st;
    while (wait(&st) > 0) {
        if (!WIFEXITED(st) || WEXITSTATUS(st)) {
            fails++;
        }
    }
    if (fails) {
        printf("JVMM-FPUCHECK=failed %d\n", fails);
    } else {
        printf("JVMM-FPUCHECK=ok\n");
    }
    return fails ? 1 : 0;
}
