package org.jvmm.storage.nvme.impl.core;

import org.jvmm.storage.nvme.impl.core.Outcome.Done;
import org.jvmm.storage.nvme.impl.dma.Dma;
import org.jvmm.storage.nvme.impl.dma.PrpMapper.Mapped;
import org.jvmm.storage.nvme.impl.spec.Command;
import org.jvmm.storage.nvme.impl.spec.Opcodes;
import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * The admin command set. Everything completes at once except ASYNCHRONOUS EVENT REQUEST (parked
 * until an event) and DELETE I/O SQ with commands in flight. ABORT never finds a command it can
 * stop (disk I/O cannot be recalled) and says so in Dword 0 bit 0. Under the controller lock.
 */
final class AdminCommands {
    static final int NSID_ALL = -1;
    private final Controller c;
    private final QueueAdmin queues;
    private final LogPages logs;

    AdminCommands(Controller c) {
        this.c = c;
        this.queues = new QueueAdmin(c);
        this.logs = new LogPages(c);
    }

    Outcome execute(Command cmd) {
        return switch (cmd.opcode()) {
            case Opcodes.DELETE_IO_SQ -> queues.deleteSq(cmd);
            case Opcodes.CREATE_IO_SQ -> queues.createSq(cmd);
            case Opcodes.GET_LOG_PAGE -> getLogPage(cmd);
            case Opcodes.DELETE_IO_CQ -> queues.deleteCq(cmd);
            case Opcodes.CREATE_IO_CQ -> queues.createCq(cmd);
            case Opcodes.IDENTIFY -> transfer(cmd, identify(cmd));
            case Opcodes.ABORT -> new Done(Status.SUCCESS, 1);
            case Opcodes.SET_FEATURES -> c.features.set(cmd, c.queues.anyIo());
            case Opcodes.GET_FEATURES -> c.features.get(cmd);
            case Opcodes.ASYNC_EVENT_REQUEST -> c.events.submit(cmd.cid()) ? Outcome.Parked.PARKED
                    : Done.of(Status.AER_LIMIT_EXCEEDED);
            default -> Done.of(Status.INVALID_OPCODE);
        };
    }

    private Done getLogPage(Command cmd) {
        Done d = transfer(cmd, logs.read(cmd));
        if (d.status() == Status.SUCCESS) {
            logs.consumed(cmd);
            c.engine.deliverEvents();
        }
        return d;
    }

    private Reply identify(Command cmd) {
        int cns = cmd.cdw10() & 0xFF;
        int csi = cmd.cdw11() >>> 24;
        int nsid = cmd.nsid();
        return switch (cns) {
            case 0x00 -> namespaceData(nsid, Identify.namespace(c.namespaces.get(nsid)));
            case 0x01 -> new Reply(Status.SUCCESS, Identify.controller(c.identity, c.maxNamespaceId()));
            case 0x02 -> activeList(nsid);
            case 0x03 -> descriptors(nsid);
            case 0x05 -> csi != 0 ? Reply.of(Status.INVALID_FIELD) : namespaceData(nsid, Identify.zeros());
            case 0x06 -> csi != 0 ? Reply.of(Status.INVALID_FIELD) : new Reply(Status.SUCCESS, Identify.zeros());
            case 0x07 -> csi != 0 ? Reply.of(Status.INVALID_FIELD) : activeList(nsid);
            case 0x08 -> namespaceData(nsid, Identify.independentNamespace(c.namespaces.get(nsid)));
            default -> Reply.of(Status.INVALID_FIELD);
        };
    }

    /** A per-namespace structure: any id in 1..NN (zeros if inactive); other ids are invalid. */
    private Reply namespaceData(int nsid, byte[] data) {
        return validNsid(nsid) ? new Reply(Status.SUCCESS, data) : Reply.of(Status.INVALID_NAMESPACE);
    }

    private Reply activeList(int after) {
        if (Integer.compareUnsigned(after, 0xFFFF_FFFE) >= 0) {
            return Reply.of(Status.INVALID_NAMESPACE);
        }
        return new Reply(Status.SUCCESS, Identify.activeList(c.namespaces.activeAfter(after, Identify.SIZE / 4)));
    }

    private Reply descriptors(int nsid) {
        Namespace ns = c.namespaces.get(nsid);
        return ns == null ? Reply.of(Status.INVALID_NAMESPACE) : new Reply(Status.SUCCESS, Identify.descriptors(ns));
    }

    private boolean validNsid(int nsid) {
        return nsid >= 1 && nsid <= c.maxNamespaceId();
    }

    /** Copies a reply into the command's data pointer. */
    private Done transfer(Command cmd, Reply r) {
        if (r.status() != Status.SUCCESS) {
            return Done.of(r.status());
        }
        Mapped m = c.prp.map(cmd.prp1(), cmd.prp2(), r.data().length, c.registers.pageSize());
        if (m.status() != Status.SUCCESS) {
            return Done.of(m.status());
        }
        Dma.copyOut(r.data(), m.segments());
        m.reportWritten(c.dma);
        return Done.SUCCESS;
    }
}
