/**
 * {@code disk_handle:file}: a raw image through a {@link java.nio.channels.FileChannel} with
 * positional reads and writes on virtual threads. Flush is {@code force(false)} (fdatasync);
 * a FUA write is the write and then a force. With {@code direct}, the file is opened with
 * O_DIRECT and every request goes through an aligned bounce buffer.
 */
package org.jvmm.storage.disk.impl.file;
