package org.jvmm.devices.virtio.impl.p9.proto;

import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;

/**
 * A 9P qid: what the server calls a file, 13 bytes on the wire.
 *
 * @param type    {@link #DIR}, {@link #SYMLINK} or {@link #FILE}
 * @param version changes when the file changes (the client may use it for cache validity)
 * @param path    unique per file for the life of the export (derived from the host inode)
 */
public record Qid(int type, int version, long path) {
    public static final int DIR = 0x80;
    public static final int SYMLINK = 0x02;
    public static final int FILE = 0x00;
    public static final int SIZE = 13;

    public void write(P9Writer w) throws ErrnoException {
        w.u8(type).u32(version).u64(path);
    }
}
