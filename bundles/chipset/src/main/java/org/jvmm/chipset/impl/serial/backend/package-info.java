/**
 * The {@code serial_handle} backends (OpenVMM's serial options): {@code console} (stdout and stdin,
 * plain; output only while the CLI's interactive shell owns stdin; raw terminal mode comes later),
 * {@code stderr}, {@code file} (append), {@code tcp} (listen, one client at a time) and
 * {@code none}. Output is written byte by byte, unbuffered, so prompts without a newline show at
 * once; input is read by a daemon thread into an {@link
 * org.jvmm.chipset.impl.serial.backend.InputBuffer} that wakes the port.
 */
package org.jvmm.chipset.impl.serial.backend;
