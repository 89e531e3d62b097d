/**
 * 16550A UART: {@code Uart16550} (registers, FIFO, interrupt priority, loopback, modem lines), {@code
 * Serial16550Device} (ports, locking, polling for backend input and the receive timeout) and its
 * resolver; the serial_handle backends are in {@code backend}.
 */
package org.jvmm.chipset.impl.serial;
