package org.jvmm.storage.nvme.driver;

import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * A completion queue entry as the driver read it.
 *
 * @param dw0    command specific result
 * @param sqhd   submission queue head
 * @param sqid   submission queue id
 * @param cid    command id
 * @param status status code type and code (without DNR)
 * @param dnr    do not retry
 */
public record Cqe(int dw0, int sqhd, int sqid, int cid, int status, boolean dnr) {
    public boolean ok() {
        return status == Status.SUCCESS;
    }

    @Override
    public String toString() {
        return "Cqe[cid=" + cid + " sq=" + sqid + " " + Status.name(status) + (dnr ? " dnr" : "")
                + String.format(" dw0=0x%x]", dw0);
    }
}
