package org.jvmm.devices.virtio.impl.p9.server;

import static org.jvmm.devices.virtio.impl.p9.proto.P9Type.*;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedTree;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostErrors;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;
import org.jvmm.devices.virtio.impl.p9.proto.P9Reader;
import org.jvmm.devices.virtio.impl.p9.proto.P9Writer;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;

/**
 * A 9P2000.L file server over one host directory: turns a request message into its reply, never
 * throwing. Malformed messages get Rlerror (EPROTO for framing, EINVAL for bad values); host failures
 * their Linux errno. Everything stays inside the export root (see {@link ConfinedTree}). One request at
 * a time (methods are synchronized); the device runs them on one worker thread, in order.
 */
public final class P9Server implements Inspectable {
    /** The largest msize offered (Linux's virtio transport allows up to about 500 KiB). */
    public static final int MAX_MSIZE = 512 * 1024;
    public static final int DEFAULT_MAX_FIDS = 65536;
    public static final int DEFAULT_MAX_OPEN_FILES = 1024;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final Session session;
    private final SessionOps sessionOps;
    private final FileOps fileOps;
    private final DirOps dirOps;
    private final RemoveOps removeOps;
    private final AttrOps attrOps;
    private long requests;
    private long errors;
    private long internalErrors;
    private long unanswerable;

    /**
     * @param root     the directory to export (resolved to its real path now)
     * @param readOnly refuse every change with EROFS
     * @throws IOException if root does not exist or is not a directory
     */
    public P9Server(Path root, boolean readOnly, int maxFids, int maxOpenFiles) throws IOException {
        ConfinedTree tree = ConfinedTree.open(root);
        session = new Session(tree, new QidMapper(HostStat.lstat(tree.root()).dev()), new FidTable(maxFids, maxOpenFiles),
                readOnly, MAX_MSIZE);
        sessionOps = new SessionOps(session);
        fileOps = new FileOps(session);
        dirOps = new DirOps(session);
        removeOps = new RemoveOps(session);
        attrOps = new AttrOps(session);
    }

    public P9Server(Path root, boolean readOnly) throws IOException {
        this(root, readOnly, DEFAULT_MAX_FIDS, DEFAULT_MAX_OPEN_FILES);
    }

    /** The real path exported. */
    public Path root() {
        return session.tree.root();
    }

    /** The most request bytes worth reading: the negotiated msize. */
    public synchronized int maxRequest() {
        return session.msize;
    }

    /**
     * Answers the message in {@code request[0, length)} with a reply of at most {@code replyRoom} bytes (and
     * at most msize). Returns an empty array only when not even an Rlerror fits.
     */
    public synchronized byte[] handle(byte[] request, int length, long replyRoom) {
        requests++;
        length = Math.clamp(length, 0, request.length);
        int limit = (int) Math.min(replyRoom, session.msize);
        if (limit < RLERROR_SIZE) {
            unanswerable++;
            return new byte[0];
        }
        int tag = length >= HEADER ? request[5] & 0xFF | (request[6] & 0xFF) << 8 : NOTAG;
        int type = length >= HEADER ? request[4] & 0xFF : -1;
        try {
            long size = length >= HEADER ? u32(request) : 0;
            if (size < HEADER || size > length) {
                throw new ErrnoException(Errno.EPROTO, "message size " + size + " of " + length + " bytes");
            }
            P9Writer out = new P9Writer(limit);
            dispatch(type, new P9Reader(request, HEADER, (int) size), out);
            return out.finish(type + 1, tag);
        } catch (ErrnoException e) {
            return error(tag, e.errno());
        } catch (IOException e) {
            return error(tag, HostErrors.errno(e));
        } catch (InvalidPathException e) {
            return error(tag, Errno.EINVAL);
        } catch (UnsupportedOperationException e) {
            return error(tag, Errno.EOPNOTSUPP);
        } catch (RuntimeException e) {
            internalErrors++;
            LOG.log(Level.WARNING, "virtio-9p: request type " + type + " failed inside the server", e);
            return error(tag, Errno.EIO);
        }
    }

    private void dispatch(int type, P9Reader in, P9Writer out) throws ErrnoException, IOException {
        if (type == TVERSION) {
            sessionOps.version(in, out);
            return;
        }
        if (!session.negotiated) {
            throw new ErrnoException(Errno.EPROTO, "no Tversion yet");
        }
        switch (type) {
            case TATTACH -> sessionOps.attach(in, out);
            case TWALK -> sessionOps.walk(in, out);
            case TCLUNK -> sessionOps.clunk(in, out);
            case TFLUSH -> sessionOps.flush(in, out);
            case TLOPEN -> fileOps.lopen(in, out);
            case TLCREATE -> fileOps.lcreate(in, out);
            case TREAD -> fileOps.read(in, out);
            case TWRITE -> fileOps.write(in, out);
            case TFSYNC -> fileOps.fsync(in, out);
            case TLOCK -> fileOps.lock(in, out);
            case TGETLOCK -> fileOps.getlock(in, out);
            case TREADDIR -> dirOps.readdir(in, out);
            case TMKDIR -> dirOps.mkdir(in, out);
            case TSYMLINK -> dirOps.symlink(in, out);
            case TLINK -> dirOps.link(in, out);
            case TMKNOD -> dirOps.mknod(in, out);
            case TREADLINK -> dirOps.readlink(in, out);
            case TUNLINKAT -> removeOps.unlinkat(in, out);
            case TREMOVE -> removeOps.remove(in, out);
            case TRENAMEAT -> removeOps.renameat(in, out);
            case TRENAME -> removeOps.rename(in, out);
            case TGETATTR -> attrOps.getattr(in, out);
            case TSETATTR -> attrOps.setattr(in, out);
            case TSTATFS -> attrOps.statfs(in, out);
            case TXATTRWALK -> attrOps.xattrwalk(in, out);
            case TXATTRCREATE -> attrOps.xattrcreate(in, out);
            default -> throw new ErrnoException(Errno.EOPNOTSUPP, "message type " + type + " not supported");
        }
    }

    private byte[] error(int tag, int errno) {
        errors++;
        byte[] r = new byte[RLERROR_SIZE];
        r[0] = RLERROR_SIZE;
        r[4] = RLERROR;
        r[5] = (byte) tag;
        r[6] = (byte) (tag >>> 8);
        r[7] = (byte) errno;
        r[8] = (byte) (errno >>> 8);
        return r;
    }

    private static long u32(byte[] b) {
        return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
    }

    /** Fids with a file or directory open (a snapshot needs none). */
    public synchronized int openFids() {
        return session.fids.openFids();
    }

    /** The session for a snapshot; call with no fid open. */
    public synchronized P9Session savedSession() {
        if (session.fids.openFids() > 0) {
            throw new IllegalStateException(session.fids.openFids() + " fids are open");
        }
        return session.saved();
    }

    /** Replaces the session (after a reset) with a saved one. */
    public synchronized void restoreSession(P9Session s) {
        session.restore(s);
    }

    /** Device reset: every fid is clunked (files closed) and the next message must be Tversion. */
    public synchronized void reset() {
        session.restart();
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("root", session.tree.root().toString()).field("read_only", session.readOnly)
                .field("negotiated", session.negotiated).field("msize", session.msize)
                .field("fids", session.fids.size()).field("open_files", session.fids.openFiles())
                .field("requests", requests).field("errors", errors).field("internal_errors", internalErrors)
                .field("unanswerable", unanswerable).field("close_failures", session.fids.closeFailures());
    }
}
