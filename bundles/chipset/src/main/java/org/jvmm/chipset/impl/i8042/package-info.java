/**
 * i8042 keyboard controller: {@code I8042} (status, command byte, output queue, reset and A20),
 * {@code Ps2Keyboard} and {@code Ps2Mouse} (probe answers), {@code I8042Device} (ports 0x60/0x64).
 */
package org.jvmm.chipset.impl.i8042;
