package org.jvmm.hv.emu.impl.cpu;

/**
 * The CPUID model: QEMU's {@code qemu64} (AuthenticAMD, family 15 model 107 stepping 1) limited to
 * what this CPU implements, with RDRAND and RDSEED added (as {@code qemu64,+rdrand,+rdseed}: a guest
 * kernel gets its boot entropy from them instead of waiting for interrupt timings), plus the hypervisor leaves 0x40000000 ("jvmmjvmmjvmm") and 0x40000010
 * (TSC and APIC bus frequency in kHz).
 */
public final class Cpuid {

    // Leaf 1 EDX
    static final int FPU = 1, DE = 1 << 2, PSE = 1 << 3, TSC = 1 << 4, MSR = 1 << 5, PAE = 1 << 6, CX8 = 1 << 8,
            APIC = 1 << 9, SEP = 1 << 11, MTRR = 1 << 12, PGE = 1 << 13, CMOV = 1 << 15, PAT = 1 << 16,
            PSE36 = 1 << 17, CLFLUSH = 1 << 19, MMX = 1 << 23, FXSR = 1 << 24, SSE = 1 << 25, SSE2 = 1 << 26;
    // Leaf 1 ECX
    static final int SSE3 = 1, CX16 = 1 << 13, POPCNT = 1 << 23, RDRAND = 1 << 30, HYPERVISOR = 1 << 31;
    // Leaf 7 EBX
    static final int RDSEED = 1 << 18;
    static final int X2APIC = 1 << 21, TSC_DEADLINE = 1 << 24;
    // Leaf 0x80000001
    static final int LAHF_LM = 1, SYSCALL = 1 << 11, NX = 1 << 20, LM = 1 << 29;

    static final int LEAF1_EDX = FPU | DE | PSE | TSC | MSR | PAE | CX8 | APIC | SEP | MTRR | PGE | CMOV | PAT | PSE36
            | CLFLUSH | FXSR | SSE | SSE2;
    static final int LEAF1_ECX = SSE3 | CX16 | POPCNT | RDRAND | HYPERVISOR;
    static final int SIGNATURE = 0x0006_0FB1;

    private final int apicId;
    private final int cpuCount;
    /** TSC frequency in Hz reported in leaf 0x40000010. */
    private long tscHz = 2_000_000_000L;
    /** Leaf 1 ECX bits of the local APIC (see {@link #setApicFeatures}); none without an APIC. */
    private int apicEcx;
    private final int[] out = new int[4];

    public Cpuid(int apicId, int cpuCount) {
        this.apicId = apicId;
        this.cpuCount = cpuCount;
    }

    public void setTscHz(long hz) {
        this.tscHz = hz;
    }

    /** Leaf 1 ECX: x2APIC (bit 21) and the TSC-deadline timer (bit 24), as the local APIC offers them. */
    public void setApicFeatures(boolean x2apic, boolean tscDeadline) {
        apicEcx = (x2apic ? X2APIC : 0) | (tscDeadline ? TSC_DEADLINE : 0);
    }

    /** Returns {eax, ebx, ecx, edx} for a leaf and subleaf; the array is reused. */
    public int[] query(int leaf, int subleaf) {
        int[] r = out;
        r[0] = r[1] = r[2] = r[3] = 0;
        switch (leaf) {
            case 0 -> vendor(r, 0xD, "AuthenticAMD");
            case 1 -> {
                r[0] = SIGNATURE;
                r[1] = apicId << 24 | cpuCount << 16 | 8 << 8;
                r[2] = LEAF1_ECX | apicEcx;
                r[3] = LEAF1_EDX;
            }
            case 7 -> r[1] = subleaf == 0 ? RDSEED : 0;
            case 0x4000_0000 -> vendor(r, 0x4000_0010, "jvmmjvmmjvmm");
            case 0x4000_0010 -> {
                r[0] = (int) (tscHz / 1000);
                r[1] = 1_000_000;
            }
            case 0x8000_0000 -> vendor(r, 0x8000_0008, "AuthenticAMD");
            case 0x8000_0001 -> {
                r[0] = SIGNATURE;
                r[2] = LAHF_LM;
                r[3] = (LEAF1_EDX & 0x0183_F3FF) | SYSCALL | NX | LM;
            }
            case 0x8000_0002, 0x8000_0003, 0x8000_0004 -> brand(r, leaf - 0x8000_0002);
            case 0x8000_0005 -> {
                r[2] = 0x4002_0140;
                r[3] = 0x4002_0140;
            }
            case 0x8000_0006 -> r[2] = 0x0200_4140;
            case 0x8000_0008 -> r[0] = 48 << 8 | 40;
            default -> {
            }
        }
        return r;
    }

    private static void vendor(int[] r, int max, String name) {
        r[0] = max;
        r[1] = chars(name, 0);
        r[3] = chars(name, 4);
        r[2] = chars(name, 8);
    }

    private static void brand(int[] r, int part) {
        String brand = "jvmm emulated x86-64 CPU";
        for (int i = 0; i < 4; i++) {
            r[i] = chars(brand, part * 16 + i * 4);
        }
    }

    private static int chars(String s, int from) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int k = from + i;
            v |= (k < s.length() ? s.charAt(k) & 0xFF : 0) << (8 * i);
        }
        return v;
    }
}
