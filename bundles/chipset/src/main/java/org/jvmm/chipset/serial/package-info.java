/**
 * What a {@code serial_handle} resolves to: a {@link org.jvmm.chipset.serial.SerialBackend}, the host
 * side of a guest serial port (a byte sink and a byte source that wakes the port when input
 * arrives), and an in-memory backend for tests.
 */
@Export
@Version("1.1.0")
package org.jvmm.chipset.serial;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
