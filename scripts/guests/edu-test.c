/*
 * jvmm-edu: drives the example edu device plugin (examples/edu-device, PCI 1234:11e8) from user
 * space, as a guest program of the whole-VM tests. Usage: jvmm-edu /sys/bus/pci/devices/BDF
 *
 * Enables the function (sysfs "enable" and Bus Master in its config space), maps BAR0 through
 * resource0 and prints one marker line per check:
 *   JVMM-EDU-ID=0x...             the identification register (0xRRrr00ed)
 *   JVMM-EDU-LIVENESS=0x...       what the liveness register gives back for 0x12345678
 *   JVMM-EDU-FACTORIAL=N          10! computed by the device
 *   JVMM-EDU-IRQ=ok|...           interrupt raise / status / acknowledge
 *   JVMM-EDU-DMA=ok|...           RAM -> device buffer -> RAM round trip of 100 bytes
 *   JVMM-EDU-DMA-BAD=refused|...  a transfer to an address outside RAM sets the error bit
 *   JVMM-EDU-FAIL=...             a step that could not be done at all
 * The DMA buffer is a locked page whose physical address comes from /proc/self/pagemap (root).
 * Built static by build-initrd.sh; exits 0 when every check passed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define BAR_SIZE (1u << 20)
#define REG_ID 0x00
#define REG_LIVENESS 0x04
#define REG_FACTORIAL 0x08
#define REG_STATUS 0x20
#define REG_INT_STATUS 0x24
#define REG_INT_RAISE 0x60
#define REG_INT_ACK 0x64
#define REG_DMA_SRC 0x80
#define REG_DMA_DST 0x88
#define REG_DMA_COUNT 0x90
#define REG_DMA_CMD 0x98
#define DMA_START 0x1u
#define DMA_TO_RAM 0x2u
#define DMA_ERROR 0x8u
#define DEVICE_BUFFER 0x40000u
#define PAGE 4096u

static volatile uint32_t *regs;

static uint32_t rd(unsigned off) { return regs[off / 4]; }

static void wr(unsigned off, uint32_t v) { regs[off / 4] = v; }

/* A 64-bit register as two dword writes, low half first. */
static void wr64(unsigned off, uint64_t v) {
    wr(off, (uint32_t)v);
    wr(off + 4, (uint32_t)(v >> 32));
}

static int fail(const char *what) {
    printf("JVMM-EDU-FAIL=%s: %s\n", what, strerror(errno));
    return 1;
}

static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n < 0 ? -1 : 0;
}

/* Sets Memory Space and Bus Master Enable in the command register (config offset 4). */
static int enable_bus_master(const char *dev) {
    char path[512];
    snprintf(path, sizeof path, "%s/config", dev);
    int fd = open(path, O_RDWR);
    if (fd < 0) return -1;
    uint16_t cmd;
    int ok = pread(fd, &cmd, 2, 4) == 2;
    cmd |= 0x6;
    ok = ok && pwrite(fd, &cmd, 2, 4) == 2;
    close(fd);
    return ok ? 0 : -1;
}

/* The physical address of a locked, touched page of ours, or 0. */
static uint64_t physical(void *virt) {
    int fd = open("/proc/self/pagemap", O_RDONLY);
    if (fd < 0) return 0;
    uint64_t entry = 0;
    off_t at = (off_t)((uintptr_t)virt / PAGE) * 8;
    ssize_t n = pread(fd, &entry, 8, at);
    close(fd);
    if (n != 8 || !(entry >> 63 & 1)) return 0;
    uint64_t pfn = entry & ((1ull << 55) - 1);
    return pfn * PAGE + (uintptr_t)virt % PAGE;
}

/* Runs one transfer; returns the command register after it (start bit clear unless it hung). */
static uint32_t dma(uint64_t src, uint64_t dst, uint32_t count, uint32_t cmd) {
    wr64(REG_DMA_SRC, src);
    wr64(REG_DMA_DST, dst);
    wr64(REG_DMA_COUNT, count);
    wr(REG_DMA_CMD, cmd);
    for (int i = 0; i < 1000000 && (rd(REG_DMA_CMD) & DMA_START); i++) {
    }
    return rd(REG_DMA_CMD);
}

static int check_dma(void) {
    uint8_t *page = aligned_alloc(PAGE, PAGE);
    if (!page) return fail("aligned_alloc");
    memset(page, 0, PAGE);
    if (mlock(page, PAGE) != 0) return fail("mlock");
    for (int i = 0; i < 100; i++) page[i] = (uint8_t)(i * 7 + 1);
    uint64_t phys = physical(page);
    if (phys == 0) {
        printf("JVMM-EDU-DMA=no physical address from /proc/self/pagemap\n");
        return 1;
    }
    uint32_t c1 = dma(phys, DEVICE_BUFFER, 100, DMA_START);
    uint32_t c2 = dma(DEVICE_BUFFER, phys + 2048, 100, DMA_START | DMA_TO_RAM);
    int same = memcmp(page, page + 2048, 100) == 0;
    int bad = 0;
    if ((c1 | c2) & (DMA_START | DMA_ERROR) || !same) {
        printf("JVMM-EDU-DMA=failed cmd1=0x%x cmd2=0x%x copied=%s phys=0x%llx\n", c1, c2, same ? "yes" : "no",
               (unsigned long long)phys);
        bad = 1;
    } else {
        printf("JVMM-EDU-DMA=ok\n");
    }
    memset(page + 2048, 0xAA, 100);
    uint32_t c3 = dma(DEVICE_BUFFER, 0xFFFFF0000000ull, 100, DMA_START | DMA_TO_RAM);
    if ((c3 & DMA_ERROR) && !(c3 & DMA_START)) {
        printf("JVMM-EDU-DMA-BAD=refused\n");
    } else {
        printf("JVMM-EDU-DMA-BAD=accepted cmd=0x%x\n", c3);
        bad = 1;
    }
    return bad;
}

static int check_registers(void) {
    int bad = 0;
    uint32_t id = rd(REG_ID);
    printf("JVMM-EDU-ID=0x%08x\n", id);
    bad |= (id & 0xFFFF) != 0x00ED;
    wr(REG_LIVENESS, 0x12345678);
    uint32_t live = rd(REG_LIVENESS);
    printf("JVMM-EDU-LIVENESS=0x%08x\n", live);
    bad |= live != (uint32_t)~0x12345678u;
    wr(REG_FACTORIAL, 10);
    for (int i = 0; i < 1000000 && (rd(REG_STATUS) & 1); i++) {
    }
    uint32_t fact = rd(REG_FACTORIAL);
    printf("JVMM-EDU-FACTORIAL=%u\n", fact);
    bad |= fact != 3628800;
    wr(REG_INT_RAISE, 0x5);
    uint32_t raised = rd(REG_INT_STATUS);
    wr(REG_INT_ACK, 0x5);
    uint32_t acked = rd(REG_INT_STATUS);
    if (raised == 0x5 && acked == 0) {
        printf("JVMM-EDU-IRQ=ok\n");
    } else {
        printf("JVMM-EDU-IRQ=raised 0x%x then 0x%x after the acknowledge\n", raised, acked);
        bad = 1;
    }
    return bad;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: jvmm-edu /sys/bus/pci/devices/BDF\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/enable", argv[1]);
    if (write_file(path, "1") != 0) return fail("enable");
    if (enable_bus_master(argv[1]) != 0) return fail("bus master");
    snprintf(path, sizeof path, "%s/resource0", argv[1]);
    int fd = open(path, O_RDWR | O_SYNC);
    if (fd < 0) return fail("open resource0");
    void *bar = mmap(NULL, BAR_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (bar == MAP_FAILED) return fail("mmap resource0");
    regs = bar;
    int bad = check_registers();
    bad |= check_dma();
    munmap(bar, BAR_SIZE);
    close(fd);
    return bad;
}
