package org.jvmm.storage.nvme.impl.core;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.nvme.impl.core.Outcome.Done;
import org.jvmm.storage.nvme.impl.core.Outcome.Start;
import org.jvmm.storage.nvme.impl.dma.Dma;
import org.jvmm.storage.nvme.impl.dma.PrpMapper.Mapped;
import org.jvmm.storage.nvme.impl.spec.Command;
import org.jvmm.storage.nvme.impl.spec.Limits;
import org.jvmm.storage.nvme.impl.spec.Opcodes;
import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * The NVM command set: READ, WRITE (FUA, or every write when the volatile write cache is off),
 * FLUSH (one namespace or all), WRITE ZEROES and DATASET MANAGEMENT (deallocate becomes
 * {@code Disk.unmap}; without unmap support, or without the deallocate attribute, it is only a
 * hint and succeeds). Commands are checked and their PRPs mapped under the controller lock; the
 * disk request starts outside it. Logical blocks are the disk's sectors.
 */
final class IoCommands {
    private static final int DSM_RANGE = 16;

    /** What a disk request was, for mapping its result. */
    private enum Kind { READ, WRITE, FLUSH, UNMAP }

    private final Controller c;

    IoCommands(Controller c) {
        this.c = c;
    }

    Outcome execute(Command cmd) {
        return switch (cmd.opcode()) {
            case Opcodes.FLUSH -> flush(cmd);
            case Opcodes.WRITE -> readWrite(cmd, true);
            case Opcodes.READ -> readWrite(cmd, false);
            case Opcodes.WRITE_ZEROES -> writeZeroes(cmd);
            case Opcodes.DATASET_MANAGEMENT -> datasetManagement(cmd);
            default -> Done.of(Status.INVALID_OPCODE);
        };
    }

    private Outcome readWrite(Command cmd, boolean write) {
        Namespace ns = c.namespaces.get(cmd.nsid());
        if (ns == null) {
            return Done.of(Status.INVALID_NAMESPACE);
        }
        long slba = cmd.cdw10and11();
        int blocks = (cmd.cdw12() & 0xFFFF) + 1;
        if (!ns.inRange(slba, blocks)) {
            return Done.of(Status.LBA_OUT_OF_RANGE);
        }
        long length = (long) blocks << ns.lbaShift;
        if (length > Limits.MAX_TRANSFER) {
            return Done.of(Status.INVALID_FIELD);
        }
        if (write && ns.readOnly) {
            return Done.of(Status.NAMESPACE_WRITE_PROTECTED);
        }
        Mapped m = c.prp.map(cmd.prp1(), cmd.prp2(), length, c.registers.pageSize());
        if (m.status() != Status.SUCCESS) {
            return Done.of(m.status());
        }
        List<MemorySegment> data = m.segments();
        if (write) {
            boolean fua = (cmd.cdw12() & 1 << 30) != 0 || !c.features.writeCache();
            c.health.write(length);
            return new Start(List.of(ns), () -> ns.disk.write(slba, data, fua).thenApply(r -> done(r, Kind.WRITE)));
        }
        c.health.read(length);
        return new Start(List.of(ns), () -> ns.disk.read(slba, data).thenApply(r -> {
            m.reportWritten(c.dma);
            return done(r, Kind.READ);
        }));
    }

    private Outcome flush(Command cmd) {
        if (cmd.nsid() == AdminCommands.NSID_ALL) {
            List<Namespace> all = c.namespaces.all();
            return new Start(all, () -> {
                List<CompletableFuture<DiskResult>> fs = new ArrayList<>();
                all.forEach(ns -> fs.add(ns.disk.flush()));
                return allDone(fs, Kind.FLUSH);
            });
        }
        Namespace ns = c.namespaces.get(cmd.nsid());
        if (ns == null) {
            return Done.of(Status.INVALID_NAMESPACE);
        }
        return new Start(List.of(ns), () -> ns.disk.flush().thenApply(r -> done(r, Kind.FLUSH)));
    }

    private Outcome writeZeroes(Command cmd) {
        Namespace ns = c.namespaces.get(cmd.nsid());
        if (ns == null) {
            return Done.of(Status.INVALID_NAMESPACE);
        }
        long slba = cmd.cdw10and11();
        int blocks = (cmd.cdw12() & 0xFFFF) + 1;
        if (!ns.inRange(slba, blocks)) {
            return Done.of(Status.LBA_OUT_OF_RANGE);
        }
        if (ns.readOnly) {
            return Done.of(Status.NAMESPACE_WRITE_PROTECTED);
        }
        boolean fua = (cmd.cdw12() & 1 << 30) != 0 || !c.features.writeCache();
        List<MemorySegment> data = ZeroBuffers.of((long) blocks << ns.lbaShift);
        return new Start(List.of(ns), () -> ns.disk.write(slba, data, fua).thenApply(r -> done(r, Kind.WRITE)));
    }

    private Outcome datasetManagement(Command cmd) {
        Namespace ns = c.namespaces.get(cmd.nsid());
        if (ns == null) {
            return Done.of(Status.INVALID_NAMESPACE);
        }
        if ((cmd.cdw11() & 1 << 2) == 0) {
            return Done.SUCCESS;
        }
        if (ns.readOnly) {
            return Done.of(Status.NAMESPACE_WRITE_PROTECTED);
        }
        int count = (cmd.cdw10() & 0xFF) + 1;
        Mapped m = c.prp.map(cmd.prp1(), cmd.prp2(), (long) count * DSM_RANGE, c.registers.pageSize());
        if (m.status() != Status.SUCCESS) {
            return Done.of(m.status());
        }
        byte[] raw = new byte[count * DSM_RANGE];
        Dma.copyIn(m.segments(), raw);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long blocks = b.getInt(i * DSM_RANGE + 4) & 0xFFFF_FFFFL;
            long slba = b.getLong(i * DSM_RANGE + 8);
            if (!ns.inRange(slba, blocks)) {
                return Done.of(Status.LBA_OUT_OF_RANGE);
            }
            if (blocks > 0) {
                ranges.add(new long[] {slba, blocks});
            }
        }
        if (ranges.isEmpty() || !ns.disk.supportsUnmap()) {
            return Done.SUCCESS;
        }
        return new Start(List.of(ns), () -> {
            List<CompletableFuture<DiskResult>> fs = new ArrayList<>();
            ranges.forEach(r -> fs.add(ns.disk.unmap(r[0], r[1])));
            return allDone(fs, Kind.UNMAP);
        });
    }

    /** The first failure among {@code fs} (an unsupported unmap is not one), else success. */
    private CompletableFuture<Done> allDone(List<CompletableFuture<DiskResult>> fs, Kind kind) {
        return CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).handle((v, ex) -> {
            for (CompletableFuture<DiskResult> f : fs) {
                DiskResult r = f.isCompletedExceptionally() ? null : f.join();
                Done d = r == null ? Done.of(Status.INTERNAL_ERROR) : done(r, kind);
                if (d.status() != Status.SUCCESS) {
                    return d;
                }
            }
            return Done.SUCCESS;
        });
    }

    /** The NVMe status for a disk result; flush and unmap are hints a disk may not implement. */
    private Done done(DiskResult r, Kind kind) {
        return Done.of(switch (r.status()) {
            case OK -> Status.SUCCESS;
            case UNSUPPORTED -> kind == Kind.FLUSH || kind == Kind.UNMAP ? Status.SUCCESS : Status.INTERNAL_ERROR;
            case OUT_OF_RANGE -> Status.LBA_OUT_OF_RANGE;
            case READ_ONLY -> Status.NAMESPACE_WRITE_PROTECTED;
            case MEMORY_ERROR -> Status.DATA_TRANSFER_ERROR;
            case IO_ERROR -> {
                c.mediaError();
                yield kind == Kind.READ ? Status.UNRECOVERED_READ_ERROR : Status.WRITE_FAULT;
            }
        });
    }
}
