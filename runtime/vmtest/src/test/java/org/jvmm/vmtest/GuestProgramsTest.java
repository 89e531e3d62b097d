package org.jvmm.vmtest;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each of the project's own guests (src/test/guests) booted by jvmm.jar under hv-emu: every
 * marker line it prints when it works must be on COM1, then "<guest>: PASS", and jvmm must end
 * with the status of the guest's debug-exit write of {@link Vms#EXIT_PASS}.
 */
class GuestProgramsTest {
    @BeforeAll
    static void toolchain() {
        Vms.assumeToolchain();
    }

    @Test
    void hello() throws Exception {
        passes(Guest.HELLO, List.of(
                "hello: Hello from a jvmm test guest",
                "hello: multiboot magic 0x2badb002 OK",
                "hello: multiboot info has memory sizes OK"));
    }

    @Test
    void longmode() throws Exception {
        passes(Guest.LONGMODE, List.of(
                "longmode: 32-bit protected mode from Multiboot",
                "longmode: real mode, CS=0x7000, CR0.PE=0, segment arithmetic OK",
                "longmode: back in 32-bit protected mode",
                "longmode: 64-bit long mode",
                "longmode: EFER.LMA set OK",
                "longmode: 64-bit result 0x123456789abcdef0 OK",
                "longmode: high-half alias 0xffff800000000010 = physical 0x200010 OK"));
    }

    @Test
    void pagefault() throws Exception {
        passes(Guest.PAGEFAULT, List.of(
                "pagefault: read of an unmapped page cr2=0x8000000123 error=0x0",
                "pagefault: read of an unmapped page OK",
                "pagefault: accessed bit set by the read OK",
                "pagefault: write to a read-only page cr2=0x8000000456 error=0x3",
                "pagefault: write to a read-only page OK",
                "pagefault: dirty bit set by the write OK",
                "pagefault: write to an unmapped page cr2=0x8000001789 error=0x2",
                "pagefault: write to an unmapped page OK",
                "pagefault: read at a high-half address cr2=0xffff800000001abc error=0x0",
                "pagefault: read at a high-half address OK",
                "pagefault: fetch from a no-execute page cr2=0x8000003000 error=0x11",
                "pagefault: fetch from a no-execute page OK"));
    }

    @Test
    void exceptions() throws Exception {
        passes(Guest.EXCEPTIONS, List.of(
                "exceptions: #DE divide by zero OK",
                "exceptions: #UD ud2 OK",
                "exceptions: #GP rdmsr of an unknown MSR OK",
                "exceptions: #GP selector beyond the GDT OK",
                "exceptions: #BP int3 OK"));
    }

    @Test
    void interrupts() throws Exception {
        passes(Guest.INTERRUPTS, List.of(
                "interrupts: I/O APIC has 24 pins OK",
                "interrupts: PIT ticks through the I/O APIC OK",
                "interrupts: none once masked OK",
                "interrupts: in-service bit set in the handler OK",
                "interrupts: EOI clears the in-service bit OK"));
    }

    @Test
    void apictimer() throws Exception {
        passes(Guest.APICTIMER, List.of(
                "apictimer: current count counts down OK",
                "apictimer: 20 periodic ticks on vector 0x40",
                "apictimer: periodic ticks OK",
                "apictimer: one-shot fires once OK",
                "apictimer: one-shot current count reads 0 after expiry OK",
                "apictimer: masked timer delivers nothing OK"));
    }

    @Test
    void smp() throws Exception {
        passes(Guest.SMP, List.of(
                "smp: AP started, APIC id 1 (BSP 0)",
                "smp: AP has its own APIC id OK",
                "smp: counter total = 200000",
                "smp: LOCK XADD counter total 200000 OK",
                "smp: one of the last XADDs returned 199999 OK"), "-p", "2");
    }

    private static void passes(Guest guest, List<String> markers, String... options)
            throws IOException, InterruptedException {
        Vms.assertPassed(guest, Vms.boot(guest, guest.id(), options), markers);
    }
}
