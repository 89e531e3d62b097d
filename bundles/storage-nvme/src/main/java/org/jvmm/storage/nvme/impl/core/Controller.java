package org.jvmm.storage.nvme.impl.core;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.SaveRefusedException;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.BarHandler;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.nvme.api.NvmeNamespaceException;
import org.jvmm.storage.nvme.api.NvmeNamespaceInfo;
import org.jvmm.storage.nvme.impl.dma.Dma;
import org.jvmm.storage.nvme.impl.dma.PrpMapper;
import org.jvmm.storage.nvme.impl.spec.Command;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;

/**
 * The NVMe controller behind BAR0: registers, doorbells, queues, namespaces. One lock (this
 * object) guards all of its state; disk I/O runs outside it (see {@link QueueEngine}). Guest
 * accesses never throw: a failure inside is logged and counted as an internal error.
 */
public final class Controller implements BarHandler {
    static final int DOORBELLS = 0x1000;
    private static final long RESET_WAIT_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger("org.jvmm.storage.nvme");

    final ControllerIdentity identity;
    private final GuestMemory memory;
    final Dma dma;
    final PrpMapper prp;
    final Queues queues;
    final NamespaceTable namespaces = new NamespaceTable();
    final Features features;
    final AsyncEvents events = new AsyncEvents();
    final ErrorLog errors = new ErrorLog();
    final Health health = new Health();
    final Interrupts interrupts;
    final Registers registers;
    final QueueEngine engine;
    final AdminCommands admin;
    final IoCommands io;
    private final AtomicLong internalErrors = new AtomicLong();
    private int generation;
    private int inFlight;
    private boolean resetting;

    public Controller(ControllerIdentity identity, GuestMemory memory) {
        this.identity = identity;
        this.memory = memory;
        this.dma = new Dma(memory);
        this.prp = new PrpMapper(dma);
        this.queues = new Queues(identity.maxIoQueues());
        this.features = new Features(identity.maxIoQueues(), identity.msixCount());
        this.interrupts = new Interrupts(queues);
        this.registers = new Registers(this);
        this.engine = new QueueEngine(this);
        this.admin = new AdminCommands(this);
        this.io = new IoCommands(this);
    }

    /** Registers and doorbells: a power of two of at least 16 KiB. */
    public static long bar0Size(int maxIoQueues) {
        long needed = DOORBELLS + 8L * (maxIoQueues + 1);
        return Math.max(0x4000, Long.highestOneBit(needed - 1) << 1);
    }

    public synchronized void attach(PciConfigSpace pci) {
        interrupts.attach(pci);
    }

    public int maxNamespaceId() {
        return NvmeControllerHandle.MAX_NAMESPACES;
    }

    @Override
    public IoResult barRead(long offset, int size, IoValue out) {
        try {
            synchronized (this) {
                return registers.read(offset, size, out);
            }
        } catch (RuntimeException e) {
            internalError("BAR0 read at 0x" + Long.toHexString(offset), e);
            return IoResult.UNSUPPORTED;
        }
    }

    @Override
    public IoResult barWrite(long offset, int size, long value) {
        try {
            if (offset >= DOORBELLS) {
                if (size != 4 || (offset & 3) != 0) {
                    return IoResult.INVALID_ACCESS_SIZE;
                }
                engine.doorbell((int) ((offset - DOORBELLS) >>> 2), (int) value);
                return IoResult.OK;
            }
            IoResult r;
            boolean shutdown;
            synchronized (this) {
                r = registers.write(offset, size, value);
                shutdown = registers.takeShutdownRequest();
            }
            if (shutdown) {
                shutdown();
            }
            return r;
        } catch (RuntimeException e) {
            internalError("BAR0 write at 0x" + Long.toHexString(offset), e);
            return IoResult.UNSUPPORTED;
        }
    }

    /** Attaches a namespace; see {@code NvmeNamespaces.addNamespace}. */
    public synchronized int addNamespace(int nsid, Disk disk, boolean readOnly) throws NvmeNamespaceException {
        int id = nsid == 0 ? namespaces.lowestFree(maxNamespaceId()) : nsid;
        String what = "nvme " + identity.name() + ": namespace " + (nsid == 0 ? "(any free id)" : nsid);
        if (id == 0) {
            throw new NvmeNamespaceException(what + ": all " + maxNamespaceId() + " namespace ids are in use");
        }
        if (id < 0 || id > maxNamespaceId()) {
            throw new NvmeNamespaceException(what + ": id must be 1.." + maxNamespaceId());
        }
        if (namespaces.get(id) != null) {
            throw new NvmeNamespaceException(what + ": id is in use");
        }
        int sectorSize = disk.sectorSize();
        if (sectorSize < 512 || sectorSize > 65536 || Integer.bitCount(sectorSize) != 1) {
            throw new NvmeNamespaceException(what + ": disk sector size " + sectorSize
                    + " is not a power of two from 512 to 65536");
        }
        namespaces.add(new Namespace(id, disk, readOnly, identity.subsystemId()));
        namespacesChanged();
        return id;
    }

    /** Detaches a namespace; its disk closes when its I/O has finished. */
    public void removeNamespace(int nsid) throws NvmeNamespaceException {
        Disk close = null;
        synchronized (this) {
            Namespace ns = namespaces.remove(nsid);
            if (ns == null) {
                throw new NvmeNamespaceException("nvme " + identity.name() + ": no namespace " + nsid);
            }
            if (ns.detach()) {
                close = ns.disk;
            }
            namespacesChanged();
        }
        if (close != null) {
            closeDisk(close);
        }
    }

    public synchronized List<NvmeNamespaceInfo> namespaceInfo() {
        List<NvmeNamespaceInfo> out = new ArrayList<>();
        for (Namespace ns : namespaces.all()) {
            out.add(new NvmeNamespaceInfo(ns.nsid, ns.sectorSize(), ns.blocks, ns.readOnly));
        }
        return out;
    }

    /** VM reset or function-level reset: waits (bounded) for disk I/O, then power-on state. */
    public synchronized void powerOnReset() {
        beginReset();
        if (!awaitIdle(RESET_WAIT_MILLIS)) {
            LOG.log(Level.WARNING, "nvme {0}: reset with {1} disk requests still in flight", identity.name(), inFlight);
        }
        resetting = false;
        registers.powerOn();
    }

    /**
     * The controller's state for a snapshot (see {@link ControllerState}), once the disk requests in
     * flight have finished.
     *
     * @throws SaveRefusedException when some are still running after {@code waitMillis}
     */
    public synchronized byte[] saveState(long waitMillis) {
        if (!awaitIdle(waitMillis)) {
            throw new SaveRefusedException("nvme " + identity.name() + ": " + inFlight
                    + " disk requests still running after " + waitMillis + " ms; the controller cannot be saved");
        }
        return StateCodec.write(out -> ControllerState.save(this, out));
    }

    /** Checks that {@link #restoreState} would take {@code state}, changing nothing. */
    public synchronized void checkState(byte[] state) throws IOException {
        load(new Controller(identity, memory), state);
    }

    /**
     * Puts back what {@link #saveState} wrote, on a controller with the same namespaces and no I/O.
     * A shutdown whose flush was running when saved is flushed again.
     *
     * @throws IOException naming what is malformed or does not match; nothing has changed then
     */
    public void restoreState(byte[] state) throws IOException {
        boolean flush;
        synchronized (this) {
            checkState(state);
            load(this, state);
            interrupts.update();
            flush = registers.shutdownProcessing();
        }
        if (flush) {
            shutdown();
        }
    }

    private void load(Controller target, byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            ControllerState.load(target, ControllerState.present(this), in);
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes of controller state left over");
            }
        }
    }

    /** Waits (bounded, under the lock) until no disk I/O is in flight; true if none is. */
    private boolean awaitIdle(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        while (inFlight > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return inFlight == 0;
    }

    /** Closes every namespace's disk (VM teardown). */
    public void close() {
        List<Namespace> all;
        synchronized (this) {
            all = namespaces.all();
        }
        all.forEach(ns -> closeDisk(ns.disk));
    }

    public long internalErrors() {
        return internalErrors.get();
    }

    public synchronized void inspect(InspectNode node) {
        node.child("registers", registers::inspect);
        node.child("queues", queues::inspect);
        node.child("namespaces", namespaces::inspect);
        node.child("features", features::inspect);
        node.child("events", events::inspect);
        node.child("health", health::inspect);
        node.field("inFlight", inFlight).field("errors", errors.total())
                .field("internalErrors", internalErrors.get());
    }

    // ---- for the collaborators, under the lock ----

    /**
     * CC.EN set with a valid configuration: the admin queues, if they are RAM. The changed
     * namespace list starts empty: a newly enabled host scans every namespace anyway.
     */
    boolean enable(long asq, int sqEntries, long acq, int cqEntries) {
        if (!dma.isRam(asq, (long) sqEntries * Command.SIZE)
                || !dma.isRam(acq, (long) cqEntries * CompletionQueue.ENTRY)) {
            return false;
        }
        namespaces.clearChanged();
        CompletionQueue cq = new CompletionQueue(0, acq, cqEntries, true, 0);
        queues.add(cq);
        queues.add(new SubmissionQueue(0, asq, sqEntries, cq));
        return true;
    }

    /** Controller reset: queues, events and features go; true if no disk I/O is in flight. */
    boolean beginReset() {
        generation++;
        queues.clear();
        events.reset();
        features.reset();
        interrupts.update();
        resetting = inFlight > 0;
        return !resetting;
    }

    boolean resetting() {
        return resetting;
    }

    boolean running() {
        return registers.ready() && !resetting;
    }

    int generation() {
        return generation;
    }

    void ioStarted() {
        inFlight++;
    }

    void ioFinished() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
            if (resetting) {
                resetting = false;
                registers.resetDone();
            }
        }
    }

    void fatal(String why) {
        LOG.log(Level.WARNING, "nvme {0}: controller fatal status: {1}", identity.name(), why);
        registers.fatal();
    }

    // ---- without the lock ----

    void mediaError() {
        synchronized (this) {
            health.mediaError();
        }
    }

    void internalError(String what, RuntimeException e) {
        internalErrors.incrementAndGet();
        LOG.log(Level.ERROR, "nvme " + identity.name() + ": internal error " + what, e);
    }

    void closeDisk(Disk disk) {
        try {
            disk.close();
        } catch (RuntimeException e) {
            internalError("closing a namespace's disk", e);
        }
    }

    private void namespacesChanged() {
        if (features.namespaceNotices()) {
            events.raise(AsyncEvents.TYPE_NOTICE, AsyncEvents.NOTICE_NAMESPACE_CHANGED,
                    AsyncEvents.LOG_CHANGED_NAMESPACES);
            engine.deliverEvents();
        }
    }

    /** CC.SHN: flush every namespace, then report shutdown complete. */
    private void shutdown() {
        List<Namespace> all;
        int token;
        synchronized (this) {
            all = namespaces.all();
            token = registers.shutdownToken();
        }
        List<CompletableFuture<DiskResult>> flushes = new ArrayList<>();
        for (Namespace ns : all) {
            try {
                flushes.add(ns.disk.flush());
            } catch (RuntimeException e) {
                internalError("flushing namespace " + ns.nsid + " for shutdown", e);
            }
        }
        CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new)).whenComplete((v, ex) -> {
            synchronized (this) {
                registers.shutdownComplete(token);
            }
        });
    }
}
