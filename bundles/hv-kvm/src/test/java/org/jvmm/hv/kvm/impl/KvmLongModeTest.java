package org.jvmm.hv.kvm.impl;

import static org.jvmm.hv.kvm.impl.KvmRealModeTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.junit.jupiter.api.Test;

/**
 * 64-bit tiny guests set up through the register API (KVM_SET_SREGS with paging): port I/O both
 * ways, MMIO in the PC hole, RAM above 4 GiB, local-APIC interrupts with EOIs, a triple fault.
 */
class KvmLongModeTest {
    static final long CODE = 0x20000;
    static final long HANDLER = 0x21000;
    /**
     * mov dx,0x3f8; mov al,'L'; out dx,al; in al,dx; mov [0x3000],al; movabs rax,[0xd0000000];
     * movabs [0xd0000100],eax; mov rbx,0x100000000; mov qword [rbx],0x12345678; mov dx,0x64; out dx,al; cli; hlt
     */
    static final byte[] IO_MMIO = bytes(0x66, 0xba, 0xf8, 0x03, 0xb0, 0x4c, 0xee, 0xec, 0x88, 0x04, 0x25, 0x00,
            0x30, 0x00, 0x00, 0x48, 0xa1, 0x00, 0x00, 0x00, 0xd0, 0x00, 0x00, 0x00, 0x00, 0xa3, 0x00, 0x01, 0x00,
            0xd0, 0x00, 0x00, 0x00, 0x00, 0x48, 0xbb, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x48, 0xc7,
            0x03, 0x78, 0x56, 0x34, 0x12, 0x66, 0xba, 0x64, 0x00, 0xee, 0xfa, 0xf4);
    /** mov ebx,0xfee000f0; mov dword [rbx],0x1ff (APIC on); sti; mov dx,0x3f8; mov al,'R'; out dx,al; 1: hlt; jmp 1b */
    static final byte[] APIC_WAIT = bytes(0xbb, 0xf0, 0x00, 0xe0, 0xfe, 0xc7, 0x03, 0xff, 0x01, 0x00, 0x00, 0xfb,
            0x66, 0xba, 0xf8, 0x03, 0xb0, 0x52, 0xee, 0xf4, 0xeb, 0xfd);
    /** mov dx,0x3f8; mov al,'I'; out dx,al; mov ebx,0xfee000b0; mov dword [rbx],0 (EOI); iretq */
    static final byte[] APIC_HANDLER = bytes(0x66, 0xba, 0xf8, 0x03, 0xb0, 0x49, 0xee, 0xbb, 0xb0, 0x00, 0xe0,
            0xfe, 0xc7, 0x03, 0x00, 0x00, 0x00, 0x00, 0x48, 0xcf);

    /** x2APIC on (APIC_BASE |= EN|EXTD), SVR=0x1ff by WRMSR; sti; out 'R'; 1: hlt; jmp 1b */
    static final byte[] X2APIC_WAIT = bytes(0xb9, 0x1b, 0x00, 0x00, 0x00, 0x0f, 0x32, 0x0d, 0x00, 0x0c, 0x00, 0x00,
            0x0f, 0x30, 0xb9, 0x0f, 0x08, 0x00, 0x00, 0xb8, 0xff, 0x01, 0x00, 0x00, 0x31, 0xd2, 0x0f, 0x30, 0xfb, 0x66,
            0xba, 0xf8, 0x03, 0xb0, 0x52, 0xee, 0xf4, 0xeb, 0xfd);
    /** out 'I'; EOI by WRMSR 0x80b; iretq */
    static final byte[] X2APIC_HANDLER = bytes(0x66, 0xba, 0xf8, 0x03, 0xb0, 0x49, 0xee, 0xb9, 0x0b, 0x08, 0x00,
            0x00, 0x31, 0xc0, 0x31, 0xd2, 0x0f, 0x30, 0x48, 0xcf);

    @Test
    void portIoMmioInTheHoleAndRamAbove4Gib() throws Exception {
        long ram = GuestMemoryLayout.PC_MMIO_HOLE_START + (2 << 20);
        try (TinyGuest g = TinyGuest.create(GuestMemoryLayout.pc(ram), 1)) {
            VirtualProcessor vp = g.vp(0);
            g.load(CODE, IO_MMIO);
            g.longMode(vp, CODE, 0xFFF);
            RecordingIo io = new RecordingIo();
            io.portValues.put(0x3f8L, 0x33L);
            io.mmioValues.put(0xD000_0000L, 0x1122_3344_5566_7788L);
            Future<VpExit> run = g.start(vp, io);
            io.await(a -> a.address() == 0x64, "the done port", 10);
            vp.requestStop();
            assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
            assertEquals(List.of((long) 'L'), io.written(0x3f8));
            assertEquals(0x33, g.memory.read8(0x3000), "the value read from the port reached RAM");
            assertEquals(List.of(
                    new RecordingIo.Access(0, RecordingIo.Kind.PORT_OUT, 0x3f8, 1, 'L'),
                    new RecordingIo.Access(0, RecordingIo.Kind.PORT_IN, 0x3f8, 1, 0x33),
                    new RecordingIo.Access(0, RecordingIo.Kind.MMIO_READ, 0xD000_0000L, 8, 0x1122_3344_5566_7788L),
                    new RecordingIo.Access(0, RecordingIo.Kind.MMIO_WRITE, 0xD000_0100L, 4, 0x5566_7788L),
                    new RecordingIo.Access(0, RecordingIo.Kind.PORT_OUT, 0x64, 1, 0x88)), io.log);
            assertEquals(0x1234_5678L, g.memory.read64(0x1_0000_0000L), "RAM above 4 GiB is the second slot");
            ControlRegisters cr = vp.controlRegisters();
            assertEquals(ControlRegisters.EFER_LME | ControlRegisters.EFER_LMA,
                    cr.efer() & (ControlRegisters.EFER_LME | ControlRegisters.EFER_LMA));
        }
    }

    @Test
    void fixedInterruptsWakeTheHaltedProcessorThroughTheXapic() throws Exception {
        RecordingIo io = interrupts(APIC_WAIT, APIC_HANDLER);
        assertEquals(List.of((long) 'R', (long) 'I', (long) 'I'), io.written(0x3f8));
        assertEquals(List.of(0x41), io.eois, "only the level-triggered vector reports its EOI");
    }

    @Test
    void levelTriggeredInterruptsReportTheirEoiThroughTheX2apic() throws Exception {
        RecordingIo io = interrupts(X2APIC_WAIT, X2APIC_HANDLER);
        assertEquals(List.of((long) 'R', (long) 'I', (long) 'I'), io.written(0x3f8));
        assertEquals(List.of(0x41), io.eois, "only the level-triggered vector reports its EOI");
    }

    /** Runs {@code code} until 'R', then sends vector 0x40 (edge) and 0x41 (level) and waits for both handlers and the EOI. */
    private static RecordingIo interrupts(byte[] code, byte[] handler) throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            g.load(CODE, code);
            g.load(HANDLER, handler);
            g.gate64(0x40, HANDLER);
            g.gate64(0x41, HANDLER);
            g.longMode(vp, CODE, 0xFFF);
            RecordingIo io = new RecordingIo();
            Future<VpExit> run = g.start(vp, io);
            io.awaitOut(0x3f8, 'R');
            Thread.sleep(20);
            g.partition.requestInterrupt(new InterruptRequest.Fixed(0, false, 0x40, false));
            io.await(a -> io.written(0x3f8).size() == 2, "the first interrupt's handler", 10);
            g.partition.requestInterrupt(new InterruptRequest.Fixed(0, false, 0x41, true));
            io.await(a -> io.written(0x3f8).size() == 3 && !io.eois.isEmpty(), "the level interrupt's handler and EOI", 10);
            vp.requestStop();
            assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
            return io;
        }
    }

    @Test
    void anExceptionWithAnEmptyIdtIsATripleFault() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            g.load(CODE, bytes(0x0f, 0x0b));
            g.longMode(vp, CODE, 0);
            VpExit exit = g.start(vp, new RecordingIo()).get(10, TimeUnit.SECONDS);
            VpExit.Shutdown shutdown = assertInstanceOf(VpExit.Shutdown.class, exit, exit.toString());
            assertEquals(VpExit.ShutdownReason.TRIPLE_FAULT, shutdown.reason());
        }
    }
}
