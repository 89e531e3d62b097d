package org.jvmm.loader.linux.impl;

/**
 * A file read into memory: a kernel or an initrd.
 *
 * @param path  the path it was read from (for messages and the Multiboot module string)
 * @param bytes its content
 */
public record FileImage(String path, byte[] bytes) {
    public int size() {
        return bytes.length;
    }
}
