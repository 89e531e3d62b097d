/**
 * 8254 PIT: {@code PitChannel} (one counter computed from elapsed ticks), {@code Pit8254} (control
 * word, read-back, port 0x61), {@code PitDevice} (ports, IRQ 0 pulses at polled deadlines).
 */
package org.jvmm.chipset.impl.pit;
