package org.jvmm.loader.linux.impl.platform;

import java.util.List;
import java.util.OptionalInt;

/**
 * What the firmware tables describe: the devices of the VM's configuration that a guest cannot
 * discover by itself.
 *
 * @param processors number of virtual processors (local APIC ids 0..n-1)
 * @param comPorts   16550 UARTs, in configuration order
 * @param ioApics    I/O APICs with their GSI bases, in the order the chipset wires them
 * @param acpiPmBase first port of the ACPI PM block, if the VM has one
 * @param pic        whether the 8259 pair is present (MADT PCAT_COMPAT)
 * @param i8042      whether the keyboard controller is present (FADT IA-PC boot flag 8042)
 */
public record Platform(int processors, List<ComPort> comPorts, List<IoApic> ioApics, OptionalInt acpiPmBase,
        boolean pic, boolean i8042) {
    /** The port of COM1, which {@code console=ttyS0} names. */
    public static final int COM1_PORT = 0x3F8;

    public Platform {
        comPorts = List.copyOf(comPorts);
        ioApics = List.copyOf(ioApics);
    }

    public boolean hasCom1() {
        return comPorts.stream().anyMatch(c -> c.port() == COM1_PORT);
    }

    /** A 16550 UART: its device name ({@code com1}), first I/O port and ISA IRQ. */
    public record ComPort(String name, int port, int irq) {
    }

    /** An I/O APIC: its id, register base and first global system interrupt. */
    public record IoApic(int id, long address, int gsiBase) {
    }
}
