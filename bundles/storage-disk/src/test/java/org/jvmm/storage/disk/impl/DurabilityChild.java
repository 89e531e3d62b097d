package org.jvmm.storage.disk.impl;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.resources.DiskSpecParser;

/**
 * Run in a child JVM by {@link DurabilityTest}: opens the disk of a spec, writes sectors 0..7
 * (the first four with FUA, the rest then flushed), prints {@code DURABLE} and waits to be killed.
 */
public final class DurabilityChild {
    private DurabilityChild() {
    }

    public static void main(String[] args) throws Exception {
        Disk d = TestResolver.disk(new DiskSpecParser().parseKind(args[0], false));
        byte[] fua = Io.pattern(4 * 512, 1);
        byte[] flushed = Io.pattern(4 * 512, 2);
        check(d.write(0, List.of(MemorySegment.ofArray(fua)), true).get());
        check(d.write(4, List.of(MemorySegment.ofArray(flushed)), false).get());
        check(d.flush().get());
        System.out.println("DURABLE");
        System.out.flush();
        Thread.sleep(60_000);
    }

    private static void check(DiskResult r) {
        if (!r.isOk()) {
            System.out.println("FAILED " + r);
            System.exit(2);
        }
    }
}
