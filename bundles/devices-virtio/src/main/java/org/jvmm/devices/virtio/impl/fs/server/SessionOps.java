package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseIn;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOpcode;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOut;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedTree;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;

/** INIT, DESTROY, FORGET, BATCH_FORGET, STATFS, ACCESS. */
final class SessionOps {
    static final int MAJOR = 7;
    /** The protocol minor spoken: 7.31 (the virtio-fs one); a newer kernel adapts to it. */
    static final int MINOR = 31;
    /** The oldest minor accepted (structures here are those of 7.23 and later). */
    static final int MIN_MINOR = 23;
    static final int ASYNC_READ = 1;
    static final int ATOMIC_O_TRUNC = 1 << 3;
    static final int BIG_WRITES = 1 << 5;
    static final int AUTO_INVAL_DATA = 1 << 12;
    static final int DO_READDIRPLUS = 1 << 13;
    static final int READDIRPLUS_AUTO = 1 << 14;
    static final int PARALLEL_DIROPS = 1 << 18;
    static final int MAX_PAGES = 1 << 22;
    /** The INIT flags this server honours; the reply carries those the kernel offered too. */
    static final int SUPPORTED = ASYNC_READ | ATOMIC_O_TRUNC | BIG_WRITES | AUTO_INVAL_DATA | DO_READDIRPLUS
            | READDIRPLUS_AUTO | PARALLEL_DIROPS | MAX_PAGES;
    static final int INIT_OUT_SIZE = 64;
    static final int MAX_FORGETS = 1 << 16;
    private static final int R_OK = 4;
    private static final int W_OK = 2;
    private static final int X_OK = 1;

    private final FuseServer s;

    SessionOps(FuseServer s) {
        this.s = s;
    }

    /** fuse_init_in: major minor max_readahead flags [flags2 unused...]; a new INIT starts a new session. */
    void init(Request r, FuseOut out) throws ErrnoException {
        FuseIn in = r.in();
        int major = in.u32();
        int minor = in.u32();
        int readahead = in.u32();
        int flags = in.u32();
        if (major < MAJOR || major == MAJOR && minor < MIN_MINOR) {
            throw new ErrnoException(Errno.EPROTO, "FUSE " + major + "." + minor + " is too old");
        }
        s.reset();
        int start = out.position();
        out.u32(MAJOR).u32(MINOR);
        if (major > MAJOR) {
            out.zeros(INIT_OUT_SIZE - 8);
            return;
        }
        out.u32(readahead).u32(flags & SUPPORTED);
        out.u16(16).u16(12).u32(FuseServer.MAX_WRITE).u32(1).u16(FuseServer.MAX_WRITE / 4096).u16(0);
        out.zeros(INIT_OUT_SIZE - (out.position() - start));
        s.initialized = true;
    }

    void destroy() {
        s.reset();
    }

    /** FORGET: fuse_forget_in {nlookup} for the header's node; BATCH_FORGET: count, then {nodeid, nlookup}s. */
    void forget(Request r) throws ErrnoException {
        FuseIn in = r.in();
        if (r.opcode() == FuseOpcode.FORGET) {
            s.nodes.forget(r.nodeid(), in.u64());
            return;
        }
        int count = in.u32();
        in.u32();
        for (int i = 0; i < count && i < MAX_FORGETS && in.remaining() >= 16; i++) {
            s.nodes.forget(in.u64(), in.u64());
        }
    }

    /** fuse_kstatfs: blocks bfree bavail files ffree (u64), bsize namelen frsize padding spare[6] (u32). */
    void statfs(FuseOut out) throws IOException {
        FileStore store = Files.getFileStore(s.tree.root());
        long bsize = FuseAttr.BLKSIZE;
        out.u64(store.getTotalSpace() / bsize).u64(store.getUnallocatedSpace() / bsize)
                .u64(store.getUsableSpace() / bsize).u64(0).u64(0);
        out.u32((int) bsize).u32(ConfinedTree.NAME_MAX).u32((int) bsize).u32(0).zeros(24);
    }

    /** fuse_access_in {mask, padding}: the node must exist; W_OK fails on a read-only share. */
    void access(Request r) throws ErrnoException, IOException {
        int mask = r.in().u32();
        if ((mask & ~(R_OK | W_OK | X_OK)) != 0) {
            throw new ErrnoException(Errno.EINVAL, "access mask " + mask);
        }
        HostStat.lstat(s.tree.entry(s.nodes.path(r.nodeid())));
        if ((mask & W_OK) != 0) {
            s.requireWritable();
        }
    }
}
