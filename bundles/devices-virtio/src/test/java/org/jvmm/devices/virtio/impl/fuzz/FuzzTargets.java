package org.jvmm.devices.virtio.impl.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.MemDisk;
import org.jvmm.devices.virtio.impl.blk.VirtioBlk;
import org.jvmm.devices.virtio.impl.console.VirtioConsole;
import org.jvmm.devices.virtio.impl.rng.VirtioRng;
import org.jvmm.guestmem.GuestMemory;

/** The devices of this bundle as fuzz targets (virtio-blk in three disk shapes). */
final class FuzzTargets {
    private FuzzTargets() {
    }

    static List<FuzzTarget> all() {
        return List.of(rng(), console(), blk("virtio-blk", 512, 64, false, true),
                blk("virtio-blk-ro", 512, 64, true, false), blk("virtio-blk-4k", 4096, 16, false, true));
    }

    static FuzzTarget rng() {
        return new FuzzTarget() {
            @Override
            public String name() {
                return "virtio-rng";
            }

            @Override
            public VirtioDevice create(long seed) {
                return new VirtioRng(new Random(seed));
            }

            @Override
            public void payload(Random r, GuestMemory mem, long gpa, long len) {
                randomBytes(r, mem, gpa, len);
            }
        };
    }

    static FuzzTarget console() {
        return new FuzzTarget() {
            private CountingSerialBackend backend;

            @Override
            public String name() {
                return "virtio-console";
            }

            @Override
            public VirtioDevice create(long seed) {
                backend = new CountingSerialBackend();
                VirtioConsole console = new VirtioConsole(backend);
                backend.setWakeListener(console::pumpInput);
                return console;
            }

            @Override
            public void payload(Random r, GuestMemory mem, long gpa, long len) {
                randomBytes(r, mem, gpa, len);
            }

            @Override
            public void hostActivity(Random r) {
                byte[] b = new byte[1 + r.nextInt(200)];
                r.nextBytes(b);
                backend.feed(b);
            }
        };
    }

    static FuzzTarget blk(String name, int sectorSize, int sectors, boolean readOnly, boolean unmap) {
        return new FuzzTarget() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public VirtioDevice create(long seed) {
                byte[] id = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                return new VirtioBlk(new MemDisk(sectorSize, sectors, readOnly, unmap, id, null), false);
            }

            @Override
            public void payload(Random r, GuestMemory mem, long gpa, long len) {
                if (len < 16 || r.nextInt(10) < 3) {
                    randomBytes(r, mem, gpa, len);
                    return;
                }
                long capacity = (long) sectorSize * sectors / 512;
                int[] types = {0, 1, 4, 8, 11, 13, 10, 14, r.nextInt()};
                ByteBuffer h = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
                h.putInt(types[r.nextInt(types.length)]).putInt(r.nextInt(4) == 0 ? r.nextInt() : 0);
                h.putLong(sector(r, capacity));
                h.putLong(sector(r, capacity)).putInt(r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(80)).putInt(r.nextInt(3));
                mem.write(gpa, h.array(), 0, (int) Math.min(len, 32));
            }
        };
    }

    private static long sector(Random r, long capacity) {
        return switch (r.nextInt(8)) {
            case 0 -> capacity;
            case 1 -> capacity - 1 - r.nextInt(4);
            case 2 -> r.nextLong();
            case 3 -> -1;
            default -> r.nextInt((int) capacity);
        };
    }

    private static void randomBytes(Random r, GuestMemory mem, long gpa, long len) {
        byte[] b = new byte[(int) Math.min(len, 64)];
        r.nextBytes(b);
        mem.write(gpa, b, 0, b.length);
    }
}
