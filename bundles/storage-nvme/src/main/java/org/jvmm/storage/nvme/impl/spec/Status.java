package org.jvmm.storage.nvme.impl.spec;

/**
 * Completion status codes as {@code (status code type << 8) | status code}, and their encoding in
 * the Status Field of a completion queue entry (Dword 3 bits 31:17).
 */
public final class Status {
    public static final int SUCCESS = 0x000;
    // generic command status (SCT 0)
    public static final int INVALID_OPCODE = 0x001;
    public static final int INVALID_FIELD = 0x002;
    public static final int DATA_TRANSFER_ERROR = 0x004;
    public static final int INTERNAL_ERROR = 0x006;
    public static final int ABORTED_SQ_DELETION = 0x008;
    public static final int INVALID_NAMESPACE = 0x00B;
    public static final int COMMAND_SEQUENCE_ERROR = 0x00C;
    public static final int PRP_OFFSET_INVALID = 0x013;
    public static final int NAMESPACE_WRITE_PROTECTED = 0x020;
    public static final int LBA_OUT_OF_RANGE = 0x080;
    // command specific status (SCT 1)
    public static final int COMPLETION_QUEUE_INVALID = 0x100;
    public static final int INVALID_QUEUE_ID = 0x101;
    public static final int INVALID_QUEUE_SIZE = 0x102;
    public static final int AER_LIMIT_EXCEEDED = 0x105;
    public static final int INVALID_INTERRUPT_VECTOR = 0x108;
    public static final int INVALID_LOG_PAGE = 0x109;
    public static final int INVALID_QUEUE_DELETION = 0x10C;
    public static final int FEATURE_NOT_SAVEABLE = 0x10D;
    // media and data integrity errors (SCT 2)
    public static final int WRITE_FAULT = 0x280;
    public static final int UNRECOVERED_READ_ERROR = 0x281;

    private static final int DNR = 1 << 14;

    private Status() {
    }

    /**
     * The 15-bit Status Field: SC in bits 7:0, SCT in 10:8, Do Not Retry in 14. Only failures a
     * retry might cure (media errors, internal errors) leave DNR clear.
     */
    public static int field(int status) {
        if (status == SUCCESS) {
            return 0;
        }
        boolean retry = status == WRITE_FAULT || status == UNRECOVERED_READ_ERROR || status == INTERNAL_ERROR;
        return (status & 0x7FF) | (retry ? 0 : DNR);
    }

    /** The status a Status Field encodes (without DNR). */
    public static int fromField(int field) {
        return field & 0x7FF;
    }

    /** A short name for inspect and test messages. */
    public static String name(int status) {
        return switch (status) {
            case SUCCESS -> "success";
            case INVALID_OPCODE -> "invalid opcode";
            case INVALID_FIELD -> "invalid field";
            case DATA_TRANSFER_ERROR -> "data transfer error";
            case INTERNAL_ERROR -> "internal error";
            case ABORTED_SQ_DELETION -> "aborted: SQ deletion";
            case INVALID_NAMESPACE -> "invalid namespace or format";
            case COMMAND_SEQUENCE_ERROR -> "command sequence error";
            case PRP_OFFSET_INVALID -> "PRP offset invalid";
            case NAMESPACE_WRITE_PROTECTED -> "namespace write protected";
            case LBA_OUT_OF_RANGE -> "LBA out of range";
            case COMPLETION_QUEUE_INVALID -> "completion queue invalid";
            case INVALID_QUEUE_ID -> "invalid queue identifier";
            case INVALID_QUEUE_SIZE -> "invalid queue size";
            case AER_LIMIT_EXCEEDED -> "async event request limit exceeded";
            case INVALID_INTERRUPT_VECTOR -> "invalid interrupt vector";
            case INVALID_LOG_PAGE -> "invalid log page";
            case INVALID_QUEUE_DELETION -> "invalid queue deletion";
            case FEATURE_NOT_SAVEABLE -> "feature not saveable";
            case WRITE_FAULT -> "write fault";
            case UNRECOVERED_READ_ERROR -> "unrecovered read error";
            default -> String.format("status 0x%03x", status);
        };
    }
}
