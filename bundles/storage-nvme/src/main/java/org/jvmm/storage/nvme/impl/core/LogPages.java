package org.jvmm.storage.nvme.impl.core;

import java.nio.charset.StandardCharsets;
import org.jvmm.storage.nvme.impl.spec.Command;
import org.jvmm.storage.nvme.impl.spec.Limits;
import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * GET LOG PAGE: Error Information (01h), SMART / Health Information (02h, controller-wide for
 * any namespace id), Firmware Slot Information (03h) and Changed Namespace List (04h). Dword
 * count and offset may be extended (LPA bit 2); the offset must be dword aligned and within the
 * page; bytes past the page's end read as zero. Reading a page without Retain Asynchronous Event
 * re-enables the events it reports (and clears the changed namespace list). Under the lock.
 */
final class LogPages {
    static final int FIRMWARE_SLOT = 0x03;
    private static final int FIRMWARE_SIZE = 512;

    private final Controller c;

    LogPages(Controller c) {
        this.c = c;
    }

    /** The bytes to transfer, or a status; reading has no effect until {@link #consumed}. */
    Reply read(Command cmd) {
        int lid = cmd.cdw10() & 0xFF;
        boolean retain = (cmd.cdw10() & 1 << 15) != 0;
        long dwords = (cmd.cdw10() >>> 16 | (long) (cmd.cdw11() & 0xFFFF) << 16) + 1;
        long offset = cmd.cdw12() & 0xFFFF_FFFFL | (long) cmd.cdw13() << 32;
        if (dwords * 4 > Limits.MAX_TRANSFER || (offset & 3) != 0) {
            return Reply.of(Status.INVALID_FIELD);
        }
        byte[] page = switch (lid) {
            case AsyncEvents.LOG_ERROR -> c.errors.page();
            case AsyncEvents.LOG_SMART -> c.health.page(c.errors.total());
            case FIRMWARE_SLOT -> firmwareSlots();
            case AsyncEvents.LOG_CHANGED_NAMESPACES -> c.namespaces.changedLog();
            default -> null;
        };
        if (page == null) {
            return Reply.of(Status.INVALID_LOG_PAGE);
        }
        if (offset < 0 || offset > page.length) {
            return Reply.of(Status.INVALID_FIELD);
        }
        byte[] data = new byte[(int) (dwords * 4)];
        System.arraycopy(page, (int) offset, data, 0, (int) Math.min(data.length, page.length - offset));
        return new Reply(Status.SUCCESS, data);
    }

    /** The page of {@code cmd} reached the host: re-enable its events, clear the namespace list. */
    void consumed(Command cmd) {
        int lid = cmd.cdw10() & 0xFF;
        boolean retain = (cmd.cdw10() & 1 << 15) != 0;
        c.events.logRead(lid, retain);
        if (lid == AsyncEvents.LOG_CHANGED_NAMESPACES && !retain) {
            c.namespaces.clearChanged();
        }
    }

    private static byte[] firmwareSlots() {
        byte[] page = new byte[FIRMWARE_SIZE];
        page[0] = 1;
        byte[] fr = Identify.FIRMWARE.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 8; i++) {
            page[8 + i] = i < fr.length ? fr[i] : (byte) ' ';
        }
        return page;
    }
}
