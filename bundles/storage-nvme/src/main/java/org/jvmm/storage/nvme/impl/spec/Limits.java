package org.jvmm.storage.nvme.impl.spec;

/** The controller's fixed capabilities, as reported in CAP and Identify Controller. */
public final class Limits {
    /** Entries per queue (CAP.MQES + 1). */
    public static final int MAX_QUEUE_ENTRIES = 1024;
    /** Timeout for CSTS.RDY transitions, in 500 ms units (CAP.TO): 10 s. */
    public static final int READY_TIMEOUT = 20;
    /** Largest memory page size as CC.MPS (CAP.MPSMAX): 4 KiB << 4 = 64 KiB. */
    public static final int MPS_MAX = 4;
    public static final int MIN_PAGE = 4096;
    /** Maximum data transfer size as a power of two of the minimum page (MDTS): 1 MiB. */
    public static final int MDTS = 8;
    public static final long MAX_TRANSFER = (long) MIN_PAGE << MDTS;
    /** Asynchronous event requests outstanding at most, minus one (AERL). */
    public static final int AERL = 3;
    /** Abort commands outstanding at most, minus one (ACL). */
    public static final int ACL = 3;
    /** Error log entries kept, minus one (ELPE). */
    public static final int ELPE = 15;
    public static final int SQ_ENTRY_SIZE_LOG2 = 6;
    public static final int CQ_ENTRY_SIZE_LOG2 = 4;
    public static final int PCI_VENDOR = 0x1414;
    public static final int PCI_DEVICE = 0x00A9;
    public static final int NVME_CLASS = 0x010802;
    /** NVMe 2.0.0 (VS). */
    public static final int VERSION = 0x0002_0000;

    private Limits() {
    }
}
