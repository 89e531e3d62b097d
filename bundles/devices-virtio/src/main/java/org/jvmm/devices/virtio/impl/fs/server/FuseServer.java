package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseIn;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOpcode;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOut;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedTree;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostErrors;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;

/**
 * A FUSE file server for one host directory, as virtio-fs drives it: {@link #handle} takes one request
 * (fuse_in_header and arguments) and returns the whole reply (fuse_out_header and body), or null for
 * the requests that get none (FORGET, BATCH_FORGET). Every failure is an errno in the reply; nothing is
 * thrown. Not thread-safe: one request at a time.
 */
public final class FuseServer implements Inspectable {
    /** fuse_in_header: len opcode unique nodeid uid gid pid total_extlen padding. */
    public static final int IN_HEADER = 40;
    /** fuse_out_header: len error unique. */
    public static final int OUT_HEADER = 16;
    /** The largest WRITE (and READ) payload offered in INIT. */
    public static final int MAX_WRITE = 128 << 10;
    /** The largest request accepted: a WRITE of {@link #MAX_WRITE} bytes with its headers. */
    public static final int MAX_REQUEST = IN_HEADER + 64 + MAX_WRITE;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    final ConfinedTree tree;
    final boolean readOnly;
    final NodeTable nodes = new NodeTable();
    final HandleTable handles = new HandleTable();
    private final SessionOps session = new SessionOps(this);
    private final EntryOps entries = new EntryOps(this);
    private final FileOps files = new FileOps(this);
    private final DirOps dirs = new DirOps(this);
    boolean initialized;
    private long requests;
    private long errors;
    private long internalErrors;

    /**
     * @param root an existing host directory (resolved to its real path here)
     * @throws NotDirectoryException if it is not a directory
     */
    public FuseServer(Path root, boolean readOnly) throws IOException {
        this.tree = ConfinedTree.open(root);
        this.readOnly = readOnly;
    }

    /**
     * Answers the request in {@code buf[0, len)}; {@code room} is the writable space the guest gave for
     * the reply. Returns the reply (at most {@code room} bytes, or empty when not even a header fits), or
     * null when the request gets no reply.
     */
    public byte[] handle(byte[] buf, int len, long room) {
        requests++;
        int bodyRoom = (int) Math.max(0, Math.min(room - OUT_HEADER, MAX_REQUEST));
        long unique = 0;
        int opcode = -1;
        FuseOut out = new FuseOut();
        int errno;
        try {
            FuseIn header = new FuseIn(buf, 0, len);
            int declared = header.u32();
            opcode = header.u32();
            unique = header.u64();
            long nodeid = header.u64();
            header.skip(IN_HEADER - 24);
            if (declared < IN_HEADER || declared > len) {
                throw new ErrnoException(Errno.EINVAL, "header length " + declared + " of " + len + " bytes");
            }
            Request r = new Request(opcode, unique, nodeid, new FuseIn(buf, IN_HEADER, declared), bodyRoom);
            if (!dispatch(r, out)) {
                return null;
            }
            errno = 0;
        } catch (ErrnoException e) {
            errno = e.errno();
        } catch (IOException e) {
            errno = HostErrors.errno(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "virtio-fs: opcode " + opcode + " failed", e);
            internalErrors++;
            errno = Errno.EIO;
        }
        if (errno == 0 && out.position() > bodyRoom) {
            errno = Errno.ERANGE;
        }
        if (errno != 0) {
            errors++;
        }
        return room < OUT_HEADER ? new byte[0] : out.message(errno, unique);
    }

    /** Runs one request; false when it gets no reply. */
    private boolean dispatch(Request r, FuseOut out) throws ErrnoException, IOException {
        int op = r.opcode();
        if (op == FuseOpcode.FORGET || op == FuseOpcode.BATCH_FORGET) {
            session.forget(r);
            return false;
        }
        if (op == FuseOpcode.INIT) {
            session.init(r, out);
            return true;
        }
        if (!initialized) {
            throw new ErrnoException(Errno.EIO, "request before INIT");
        }
        switch (op) {
            case FuseOpcode.DESTROY -> session.destroy();
            case FuseOpcode.STATFS -> session.statfs(out);
            case FuseOpcode.ACCESS -> session.access(r);
            case FuseOpcode.LOOKUP -> entries.lookup(r, out);
            case FuseOpcode.MKDIR -> entries.mkdir(r, out);
            case FuseOpcode.SYMLINK -> entries.symlink(r, out);
            case FuseOpcode.LINK -> entries.link(r, out);
            case FuseOpcode.UNLINK -> entries.remove(r, false);
            case FuseOpcode.RMDIR -> entries.remove(r, true);
            case FuseOpcode.RENAME -> entries.rename(r, false);
            case FuseOpcode.RENAME2 -> entries.rename(r, true);
            case FuseOpcode.READLINK -> entries.readlink(r, out);
            case FuseOpcode.GETATTR -> files.getattr(r, out);
            case FuseOpcode.SETATTR -> files.setattr(r, out);
            case FuseOpcode.OPEN -> files.open(r, out);
            case FuseOpcode.CREATE -> files.create(r, out);
            case FuseOpcode.READ -> files.read(r, out);
            case FuseOpcode.WRITE -> files.write(r, out);
            case FuseOpcode.FLUSH -> files.flush(r);
            case FuseOpcode.FSYNC -> files.fsync(r);
            case FuseOpcode.RELEASE -> files.release(r);
            case FuseOpcode.OPENDIR -> dirs.opendir(r, out);
            case FuseOpcode.READDIR -> dirs.readdir(r, out, false);
            case FuseOpcode.READDIRPLUS -> dirs.readdir(r, out, true);
            case FuseOpcode.FSYNCDIR -> dirs.fsyncdir(r);
            case FuseOpcode.RELEASEDIR -> dirs.releasedir(r);
            default -> throw new ErrnoException(Errno.ENOSYS, "opcode " + op);
        }
        return true;
    }

    /** EROFS when the share is read-only. */
    void requireWritable() throws ErrnoException {
        if (readOnly) {
            throw new ErrnoException(Errno.EROFS, "read-only share");
        }
    }

    /** Back to the state before INIT: every handle closed, every node but the root forgotten. */
    public void reset() {
        handles.clear();
        nodes.clear();
        initialized = false;
    }

    /** Open file and directory handles (a snapshot needs none). */
    public int openHandles() {
        return handles.size();
    }

    /** The session for a snapshot; call with no handle open. */
    public FuseSession session() {
        if (handles.size() > 0) {
            throw new IllegalStateException(handles.size() + " handles are open");
        }
        return new FuseSession(initialized, nodes.nextId(), handles.nextFh(), nodes.saved());
    }

    /** Replaces the session (after a reset) with a saved one. */
    public void restoreSession(FuseSession s) {
        handles.clear();
        nodes.restore(s.nextNodeId(), s.nodes());
        handles.continueFrom(s.nextFh());
        initialized = s.initialized();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("root", tree.root().toString()).field("read_only", readOnly).field("initialized", initialized)
                .field("requests", requests).field("errors", errors).field("internal_errors", internalErrors).field("nodes", nodes.size())
                .field("open_handles", handles.size());
    }
}
