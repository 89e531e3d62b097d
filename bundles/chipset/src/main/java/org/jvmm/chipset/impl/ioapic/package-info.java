/**
 * I/O APIC: {@code IoApic} (indirect registers, edge and level pins, remote IRR, EOI), {@code
 * RedirectionEntry} (entry fields and their MSI form), {@code IoApicDevice} (MMIO window).
 */
package org.jvmm.chipset.impl.ioapic;
