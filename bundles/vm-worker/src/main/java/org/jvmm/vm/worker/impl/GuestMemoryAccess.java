package org.jvmm.vm.worker.impl;

import java.util.stream.Collectors;
import org.jvmm.guestmem.GuestMemory;

/** Guest RAM reads and writes for the control API, with errors that show where RAM is. */
final class GuestMemoryAccess {
    private final GuestMemory memory;

    GuestMemoryAccess(GuestMemory memory) {
        this.memory = memory;
    }

    byte[] read(long gpa, int len) {
        if (len < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + len);
        }
        byte[] out = new byte[len];
        if (!memory.tryRead(gpa, out, 0, len)) {
            throw notRam(gpa, len);
        }
        return out;
    }

    void write(long gpa, byte[] data) {
        if (!memory.tryWrite(gpa, data, 0, data.length)) {
            throw notRam(gpa, data.length);
        }
    }

    private IllegalArgumentException notRam(long gpa, long len) {
        String ram = memory.layout().ranges().stream()
                .map(r -> String.format("0x%x-0x%x", r.gpa(), r.end() - 1)).collect(Collectors.joining(", "));
        return new IllegalArgumentException(String.format("0x%x..+0x%x is not guest RAM (RAM: %s)", gpa, len, ram));
    }
}
