package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterruptTest extends AsmTestBase {

    /** A PIC-like source: one pending vector at a time. */
    static final class Line implements InterruptSource {
        int pending = -1;
        boolean nmi;
        final List<Integer> acked = new ArrayList<>();

        @Override
        public int pendingVector() {
            return pending;
        }

        @Override
        public void acknowledge(int vector) {
            acked.add(vector);
            pending = -1;
        }

        @Override
        public boolean nmiPending() {
            return nmi;
        }

        @Override
        public void acknowledgeNmi() {
            nmi = false;
            acked.add(2);
        }
    }

    private static TestMachine load(String source) {
        TestMachine m = new TestMachine().long64();
        m.load(TestMachine.CODE, Asm.assemble(ExceptionTest.GATE + source, TestMachine.CODE));
        m.s.rip = TestMachine.CODE;
        return m;
    }

    @Test
    void haltSleepsUntilAnInterruptArrives() {
        TestMachine m = load("""
                gate 0x20, irq
                xor ebx, ebx
                sti
                hlt
                mov ecx, ebx
                hlt
            irq:
                inc ebx
                iretq
            """);
        Line line = new Line();
        m.cpu.setInterruptSource(line);
        assertEquals(Outcome.HALT, m.cpu.run(1000));
        long haltedAt = m.cpu.retired();
        assertEquals(Outcome.HALT, m.cpu.run(1000), "no interrupt: still halted");
        assertEquals(haltedAt, m.cpu.retired());
        line.pending = 0x20;
        m.cpu.kick();
        assertEquals(Outcome.HALT, m.cpu.run(1000));
        assertEquals(1, m.reg(RCX));
        assertEquals(List.of(0x20), line.acked);
    }

    @Test
    void stiShadowDelaysDeliveryByOneInstruction() {
        TestMachine m = load("""
                gate 0x21, irq
                cli
                mov eax, 0
                sti
                mov eax, 1
                mov eax, 2
                hlt
            irq:
                mov edx, eax
                iretq
            """);
        Line line = new Line();
        line.pending = 0x21;
        m.cpu.setInterruptSource(line);
        assertEquals(Outcome.HALT, m.cpu.run(1000));
        assertEquals(1, m.reg(RDX));
        assertEquals(2, m.reg(RAX));
    }

    @Test
    void maskedInterruptWaitsForIfAndNmiDoesNot() {
        TestMachine m = load("""
                gate 0x22, irq
                gate 2, nmi
                cli
                hlt
                mov ecx, 1000
            1:  dec ecx
                jnz 1b
                mov r8, 5
                sti
                nop
                hlt
            irq:
                mov r9, r8
                iretq
            nmi:
                mov r10, 77
                iretq
            """);
        Line line = new Line();
        m.cpu.setInterruptSource(line);
        assertEquals(Outcome.HALT, m.cpu.run(100_000));
        line.pending = 0x22;
        line.nmi = true;
        m.cpu.kick();
        assertEquals(Outcome.HALT, m.cpu.run(100_000));
        assertEquals(5, m.reg(9));
        assertEquals(77, m.reg(10), "NMI taken while IF=0");
        assertEquals(List.of(2, 0x22), line.acked);
    }

    @Test
    void budgetAndStopRequests() {
        TestMachine m = load("1: jmp 1b");
        assertEquals(Outcome.BUDGET_EXHAUSTED, m.cpu.run(12345));
        assertEquals(12345, m.cpu.retired());
        m.cpu.requestStop();
        assertEquals(Outcome.STOP_REQUESTED, m.cpu.run(1000));
        assertEquals(12345, m.cpu.retired());
    }

    @Test
    void stopFromAnotherThreadEndsARunningLoop() throws Exception {
        TestMachine m = load("1: jmp 1b");
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            m.cpu.requestStop();
        });
        t.start();
        assertEquals(Outcome.STOP_REQUESTED, m.cpu.run(Long.MAX_VALUE));
        t.join();
    }
}
