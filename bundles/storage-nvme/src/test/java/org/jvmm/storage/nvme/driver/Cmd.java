package org.jvmm.storage.nvme.driver;

import org.jvmm.storage.nvme.impl.spec.Command;

/** Builders for the commands the tests send (command ids are filled in by the driver). */
public final class Cmd {
    private Cmd() {
    }

    public static Command of(int opcode, int nsid, long prp1, long prp2, int cdw10, int cdw11, int cdw12) {
        return new Command(opcode, nsid, prp1, prp2, cdw10, cdw11, cdw12, 0, 0, 0);
    }

    public static Command identify(int cns, int nsid, long buffer) {
        return of(0x06, nsid, buffer, 0, cns, 0, 0);
    }

    public static Command createCq(int qid, long base, int entries, int vector, boolean ien) {
        return of(0x05, 0, base, 0, (entries - 1) << 16 | qid, vector << 16 | (ien ? 2 : 0) | 1, 0);
    }

    public static Command createSq(int qid, long base, int entries, int cqid) {
        return of(0x01, 0, base, 0, (entries - 1) << 16 | qid, cqid << 16 | 1, 0);
    }

    public static Command deleteSq(int qid) {
        return of(0x00, 0, 0, 0, qid, 0, 0);
    }

    public static Command deleteCq(int qid) {
        return of(0x04, 0, 0, 0, qid, 0, 0);
    }

    public static Command setFeature(int fid, int value) {
        return of(0x09, 0, 0, 0, fid, value, 0);
    }

    public static Command getFeature(int fid, int select, int cdw11) {
        return of(0x0A, 0, 0, 0, select << 8 | fid, cdw11, 0);
    }

    public static Command getLogPage(int lid, int bytes, long buffer, boolean retain) {
        return of(0x02, -1, buffer, 0, (bytes / 4 - 1) << 16 | (retain ? 1 << 15 : 0) | lid, 0, 0);
    }

    public static Command asyncEventRequest() {
        return of(0x0C, 0, 0, 0, 0, 0, 0);
    }

    /** READ (0x02) or WRITE (0x01) of {@code blocks} from {@code slba} through {@code prp}. */
    public static Command io(int opcode, int nsid, long slba, int blocks, Prp prp, boolean fua) {
        return of(opcode, nsid, prp.prp1(), prp.prp2(), (int) slba, (int) (slba >>> 32),
                (blocks - 1) | (fua ? 1 << 30 : 0));
    }

    public static Command flush(int nsid) {
        return of(0x00, nsid, 0, 0, 0, 0, 0);
    }

    /** PRP1/PRP2 of a transfer. */
    public record Prp(long prp1, long prp2) {
    }
}
