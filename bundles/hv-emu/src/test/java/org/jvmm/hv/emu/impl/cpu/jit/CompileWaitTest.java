package org.jvmm.hv.emu.impl.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.decode.Block;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;
import org.junit.jupiter.api.Test;

class CompileWaitTest {

    /** A translation whose probe cost the test sets. */
    private static final class Code extends CompiledBlock {
        @Override
        public long run(Cpu c, long budget) {
            return 0;
        }
    }

    private final Map<CompiledBlock, Long> cost = new HashMap<>();
    private long now = 1_000;
    private final CompileWait wait = new CompileWait(c -> cost.get(c), () -> now);

    @Test
    void aTranslationIsPublishedOnlyOnceItsProbeIsFast() throws Exception {
        Block b = block();
        Code code = new Code();
        cost.put(code, 25L);
        wait.add(b, code);

        wait.publishReady();
        assertNull(b.compiled, "still in HotSpot's interpreter: not published");

        cost.put(code, 2L);
        now += 5_000_000;
        wait.publishReady();
        assertSame(code, b.compiled);
        assertTrue(wait.isEmpty());
        assertEquals(1, wait.byProbe());
        assertEquals(0, wait.byTimeout());
    }

    @Test
    void aTranslationNeverSeenCompiledIsPublishedAfterTheLongestWait() throws Exception {
        Block b = block();
        Code code = new Code();
        cost.put(code, 40L);
        wait.add(b, code);

        now += CompileWait.MAX_WAIT_NANOS;
        wait.publishReady();
        assertNull(b.compiled, "not yet past the longest wait");

        now += 1;
        wait.publishReady();
        assertSame(code, b.compiled);
        assertEquals(0, wait.byProbe());
        assertEquals(1, wait.byTimeout());
    }

    @Test
    void eachTranslationIsPublishedOnItsOwn() throws Exception {
        Block slow = block();
        Block fast = block();
        Code slowCode = new Code();
        Code fastCode = new Code();
        cost.put(slowCode, 30L);
        cost.put(fastCode, 1L);
        wait.add(slow, slowCode);
        wait.add(fast, fastCode);

        wait.publishReady();
        assertSame(fastCode, fast.compiled);
        assertNull(slow.compiled);
        assertTrue(!wait.isEmpty());
    }

    @Test
    void theRealProbeSeesATranslationBecomeCompiled() throws Exception {
        Block b = block();
        CompileWait real = new CompileWait();
        real.add(b, new Code());
        long deadline = System.nanoTime() + 2 * CompileWait.MAX_WAIT_NANOS;
        while (b.compiled == null && System.nanoTime() < deadline) {
            real.publishReady();
            Thread.sleep(1);
        }
        assertTrue(b.compiled != null, "published within the longest wait");
        assertEquals(1, real.byProbe(), "seen compiled by HotSpot, not published for waiting too long");
    }

    @Test
    void aTranslatedRegionAnswersTheProbeWithoutTouchingTheProcessor() throws Exception {
        Insn mov = new Insn();
        mov.op = Op.F_MOV64_RR;
        mov.rm = 0;
        mov.reg = 1;
        mov.osz = 8;
        mov.asz = 8;
        mov.base = -1;
        mov.index = -1;
        mov.seg = -1;
        mov.rip = 0x1000;
        mov.len = 3;
        mov.nextRip = 0x1003;
        CompiledBlock code = BlockCompiler.compile(Region.single(block(mov)));
        assertEquals(0, code.run(null, -1), "the probe returns 0 with a null processor");
        assertEquals(0, code.run(null, Long.MIN_VALUE));
    }

    /** A decoded 64-bit block of {@code insns} at RIP 0x1000, in no code page. */
    private static Block block(Insn... insns) throws Exception {
        Constructor<Block> c = Block.class.getDeclaredConstructor(Insn[].class, int.class, long.class, long.class,
                int.class, int.class, long.class, long.class, int.class);
        c.setAccessible(true);
        return c.newInstance(insns, insns.length, 0L, 0x1000L, 8, 0, -1L, -1L, 0);
    }
}
