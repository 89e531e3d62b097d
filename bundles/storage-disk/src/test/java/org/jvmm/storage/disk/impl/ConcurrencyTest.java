package org.jvmm.storage.disk.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.resources.DiskSpecParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many requests in flight at once, from several threads, each on its own sectors. */
class ConcurrencyTest {
    private static final int SECTORS = 512;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mem:256K", "file:DIR/a.img;create=256K", "memdiff:file:DIR/b.img", "sql:DIR/c.dbhd;create=256K",
        "sqldiff:DIR/d.dbhd;create:mem:256K", "crypt:xts-aes-256:DIR/key:mem:256K", "delay:1:mem:256K"})
    void interleavedWritesAllLand(String spec) throws Exception {
        Files.write(dir.resolve("b.img"), new byte[SECTORS * 512]);
        byte[] key = Io.pattern(64, 3);
        Files.write(dir.resolve("key"), key);
        try (Disk d = TestResolver.disk(new DiskSpecParser().parseKind(spec.replace("DIR", dir.toString()), false))) {
            List<Thread> threads = new ArrayList<>();
            List<CompletableFuture<DiskResult>> all = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 8; t++) {
                int lane = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int s = lane; s < SECTORS; s += 8) {
                        all.add(d.write(s, List.of(MemorySegment.ofArray(Io.pattern(512, s))), false));
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            for (CompletableFuture<DiskResult> f : all) {
                assertEquals(DiskResult.ok(), Io.await(f));
            }
            byte[] back = Io.readOk(d, 0, SECTORS * 512);
            for (int s = 0; s < SECTORS; s++) {
                assertArrayEquals(Io.pattern(512, s), java.util.Arrays.copyOfRange(back, s * 512, s * 512 + 512), "sector " + s);
            }
        }
    }
}
