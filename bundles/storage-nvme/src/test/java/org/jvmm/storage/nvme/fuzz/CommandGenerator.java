package org.jvmm.storage.nvme.fuzz;

import java.util.SplittableRandom;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.storage.nvme.impl.spec.Command;

/**
 * Random commands for the fuzzer: mostly well-formed with random fields, some wholly random.
 * Data pointers go to the data areas (with random offsets and random PRP lists written there), the
 * MMIO hole, past RAM, or anywhere; never into the driver's own rings, so the driver can keep
 * counting completions. Queue-management commands only touch queue ids the driver does not use.
 */
final class CommandGenerator {
    private final SplittableRandom rnd;
    private final GuestMemory memory;
    private final FuzzLayout layout;

    CommandGenerator(SplittableRandom rnd, GuestMemory memory, FuzzLayout layout) {
        this.rnd = rnd;
        this.memory = memory;
        this.layout = layout;
    }

    Command io() {
        int opcode = pick(0x02, 0x01, 0x00, 0x08, 0x09, 0x02, 0x01, rnd.nextInt(256));
        int nsid = pick(1, 2, 1, 2, 1, 2, 3, 0, -1, rnd.nextInt());
        long slba = pickLong(rnd.nextLong(64), rnd.nextLong(8192), 8192 - rnd.nextLong(4), rnd.nextLong());
        int blocks = pick(rnd.nextInt(8), rnd.nextInt(64), rnd.nextInt(300), rnd.nextInt(0x10000));
        int cdw12 = blocks | pick(0, 0, 1 << 30, rnd.nextInt() & 0xFFFF_0000);
        int cdw11 = opcode == 0x09 ? pick(4, 0, rnd.nextInt()) : (int) (slba >>> 32);
        int cdw10 = opcode == 0x09 ? rnd.nextInt(4) : (int) slba;
        long[] prp = prps(pickLong(512L, 4096L, 8192L, 65536L, 1L << 20, (long) (blocks + 1) * 512));
        return new Command(flags(opcode), nsid, prp[0], prp[1], cdw10, cdw11, cdw12, rnd.nextInt(), 0, 0);
    }

    Command admin() {
        int opcode = pick(0x06, 0x06, 0x02, 0x09, 0x0A, 0x05, 0x01, 0x04, 0x00, 0x08, rnd.nextInt(256));
        if (opcode == 0x0C) {
            opcode = 0x06;
        }
        long[] prp = prps(4096);
        int cdw10 = switch (opcode) {
            case 0x06 -> pick(0, 1, 2, 3, 5, 6, 7, 8, rnd.nextInt(256)) | pick(0, rnd.nextInt() & 0xFFFF_0000);
            case 0x02 -> pick(1, 2, 3, 4, rnd.nextInt(256)) | pick(0, 1 << 15) | pick(127, 1023, rnd.nextInt(0x10000)) << 16;
            case 0x09, 0x0A -> pick(1, 2, 4, 5, 6, 7, 8, 9, 0x0A, 0x0B, rnd.nextInt(256)) | rnd.nextInt(8) << 8;
            case 0x00, 0x01, 0x04, 0x05 -> pick(3, 4, 0, rnd.nextInt(0x10000)) | pick(1, 15, 63, rnd.nextInt(0x10000)) << 16;
            default -> rnd.nextInt();
        };
        int cdw11 = switch (opcode) {
            case 0x01 -> 1 | pick(3, 4, 0, 9, rnd.nextInt(0x10000)) << 16;
            case 0x05 -> pick(1, 3, 0) | pick(0, 1, 16, rnd.nextInt(0x10000)) << 16;
            case 0x02 -> pick(0, rnd.nextInt(0x10000));
            default -> rnd.nextInt();
        };
        if (opcode <= 0x05 && opcode != 0x02 && ((cdw10 & 0xFFFF) == 1 || (cdw10 & 0xFFFF) == 2)) {
            cdw10 = cdw10 & 0xFFFF_0000 | 3;
        }
        if (opcode == 0x01 && (cdw11 >>> 16 == 1 || cdw11 >>> 16 == 2)) {
            cdw11 = 3 << 16 | cdw11 & 0xFFFF;
        }
        long base = opcode == 0x01 || opcode == 0x05 ? pickLong(layout.dataPage(rnd), layout.dataPage(rnd) + 512,
                FuzzLayout.HOLE + 4096, rnd.nextLong()) : prp[0];
        return new Command(flags(opcode), pick(0, 1, 2, -1, rnd.nextInt()), base, prp[1], cdw10, cdw11,
                pick(0, 4, 6, 512, rnd.nextInt()), pick(0, rnd.nextInt()), 0, 0);
    }

    private int flags(int opcode) {
        return opcode | (rnd.nextInt(40) == 0 ? rnd.nextInt(4) << 8 : 0) | (rnd.nextInt(40) == 0 ? rnd.nextInt(4) << 14 : 0);
    }

    /** PRP1 and PRP2 for a transfer of about {@code length} bytes. */
    private long[] prps(long length) {
        int mode = rnd.nextInt(10);
        if (mode < 6) {
            long first = layout.dataPage(rnd) + pickLong(0L, 0L, (long) rnd.nextInt(1024) * 4, rnd.nextLong(4096));
            long second = mode < 3 ? layout.dataPage(rnd) : list(length);
            return new long[] {first, second};
        }
        return new long[] {address(), address()};
    }

    /** A PRP list in a data page: mostly page addresses, sometimes a chain pointer or garbage. */
    private long list(long length) {
        long page = layout.dataPage(rnd);
        int offset = pick(0, 0, 4096 - 8 * (1 + rnd.nextInt(8)), rnd.nextInt(512) * 8, rnd.nextInt(4096));
        int entries = (int) Math.min(512, length / 4096 + 2);
        for (int i = 0; i < entries && offset + i * 8 + 8 <= 4096; i++) {
            long e = rnd.nextInt(8) == 0 ? address() : layout.dataPage(rnd);
            memory.write64(page + offset + i * 8L, e);
        }
        return page + offset;
    }

    private long address() {
        return pickLong(layout.dataPage(rnd), layout.dataPage(rnd) + rnd.nextInt(4096), FuzzLayout.HOLE + rnd.nextLong(4096),
                FuzzLayout.END - rnd.nextInt(8192), FuzzLayout.END + rnd.nextLong(1L << 40), rnd.nextLong(),
                -rnd.nextLong(4096), 0L);
    }

    private int pick(int... options) {
        return options[rnd.nextInt(options.length)];
    }

    private long pickLong(long... options) {
        return options[rnd.nextInt(options.length)];
    }
}
