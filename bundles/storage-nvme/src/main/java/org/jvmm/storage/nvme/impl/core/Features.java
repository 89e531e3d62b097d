package org.jvmm.storage.nvme.impl.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.nvme.impl.core.Outcome.Done;
import org.jvmm.storage.nvme.impl.spec.Command;
import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * GET FEATURES and SET FEATURES for the controller-wide features: Arbitration, Power Management,
 * Temperature Threshold (composite sensor), Error Recovery, Volatile Write Cache, Number of
 * Queues, Interrupt Coalescing, Interrupt Vector Configuration, Write Atomicity Normal and
 * Asynchronous Event Configuration. Nothing is saveable; values return to their defaults on a
 * controller reset. Guarded by the controller lock.
 */
final class Features {
    static final int ARBITRATION = 0x01;
    static final int POWER_MANAGEMENT = 0x02;
    static final int TEMPERATURE_THRESHOLD = 0x04;
    static final int ERROR_RECOVERY = 0x05;
    static final int VOLATILE_WRITE_CACHE = 0x06;
    static final int NUMBER_OF_QUEUES = 0x07;
    static final int INTERRUPT_COALESCING = 0x08;
    static final int INTERRUPT_VECTOR_CONFIG = 0x09;
    static final int WRITE_ATOMICITY = 0x0A;
    static final int ASYNC_EVENT_CONFIG = 0x0B;
    /** SMART critical warnings and Namespace Attribute Notices. */
    static final int ASYNC_EVENTS_SUPPORTED = 0xFF | 1 << 8;
    static final int TEMPERATURE_OVER_DEFAULT = 0x0157;
    private static final int CAPABILITY_CHANGEABLE = 1 << 2;

    private final int maxQueues;
    private final int vectors;
    private int arbitration;
    private int powerManagement;
    private int temperatureOver;
    private int temperatureUnder;
    private int errorRecovery;
    private boolean writeCache;
    private int queuesAllocated;
    private int coalescing;
    private final BitSet coalescingDisabled = new BitSet();
    private int writeAtomicity;
    private int asyncConfig;

    Features(int maxQueues, int vectors) {
        this.maxQueues = maxQueues;
        this.vectors = vectors;
        reset();
    }

    void reset() {
        arbitration = 0;
        powerManagement = 0;
        temperatureOver = TEMPERATURE_OVER_DEFAULT;
        temperatureUnder = 0;
        errorRecovery = 0;
        writeCache = true;
        queuesAllocated = maxQueues;
        coalescing = 0;
        coalescingDisabled.clear();
        writeAtomicity = 0;
        asyncConfig = 0;
    }

    boolean writeCache() {
        return writeCache;
    }

    /** I/O submission (and completion) queues the host may create: ids 1..this. */
    int queuesAllocated() {
        return queuesAllocated;
    }

    boolean namespaceNotices() {
        return (asyncConfig & 1 << 8) != 0;
    }

    Done get(Command c) {
        int fid = c.cdw10() & 0xFF;
        int select = c.cdw10() >>> 8 & 7;
        if (select > 3 || !known(fid)) {
            return Done.of(Status.INVALID_FIELD);
        }
        if (select == 3) {
            return new Done(0, CAPABILITY_CHANGEABLE);
        }
        if (fid == TEMPERATURE_THRESHOLD) {
            return temperature(c.cdw11(), select != 0);
        }
        if (fid == INTERRUPT_VECTOR_CONFIG) {
            int iv = c.cdw11() & 0xFFFF;
            if (iv >= vectors) {
                return Done.of(Status.INVALID_FIELD);
            }
            return new Done(0, iv | (select == 0 && coalescingDisabled.get(iv) ? 1 << 16 : 0));
        }
        return new Done(0, select == 0 ? current(fid) : defaultValue(fid));
    }

    Done set(Command c, boolean ioQueuesExist) {
        int fid = c.cdw10() & 0xFF;
        int v = c.cdw11();
        if (!known(fid)) {
            return Done.of(Status.INVALID_FIELD);
        }
        if (c.cdw10() < 0) {
            return Done.of(Status.FEATURE_NOT_SAVEABLE);
        }
        switch (fid) {
            case ARBITRATION -> arbitration = v;
            case POWER_MANAGEMENT -> {
                if ((v & 0x1F) != 0) {
                    return Done.of(Status.INVALID_FIELD);
                }
                powerManagement = v & 0xFF;
            }
            case TEMPERATURE_THRESHOLD -> {
                return setTemperature(v);
            }
            case ERROR_RECOVERY -> {
                if ((v & 1 << 16) != 0) {
                    return Done.of(Status.INVALID_FIELD);
                }
                errorRecovery = v & 0xFFFF;
            }
            case VOLATILE_WRITE_CACHE -> writeCache = (v & 1) != 0;
            case NUMBER_OF_QUEUES -> {
                return setQueues(v, ioQueuesExist);
            }
            case INTERRUPT_COALESCING -> coalescing = v & 0xFFFF;
            case INTERRUPT_VECTOR_CONFIG -> {
                int iv = v & 0xFFFF;
                if (iv >= vectors) {
                    return Done.of(Status.INVALID_FIELD);
                }
                coalescingDisabled.set(iv, (v & 1 << 16) != 0);
            }
            case WRITE_ATOMICITY -> writeAtomicity = v & 1;
            case ASYNC_EVENT_CONFIG -> asyncConfig = v & ASYNC_EVENTS_SUPPORTED;
            default -> {
                return Done.of(Status.INVALID_FIELD);
            }
        }
        return Done.SUCCESS;
    }

    private Done setQueues(int v, boolean ioQueuesExist) {
        int sq = v & 0xFFFF;
        int cq = v >>> 16;
        if (sq == 0xFFFF || cq == 0xFFFF) {
            return Done.of(Status.INVALID_FIELD);
        }
        if (ioQueuesExist) {
            return Done.of(Status.COMMAND_SEQUENCE_ERROR);
        }
        queuesAllocated = Math.min(Math.min(sq, cq) + 1, maxQueues);
        return new Done(0, current(NUMBER_OF_QUEUES));
    }

    private Done temperature(int cdw11, boolean defaults) {
        int sensor = cdw11 >>> 16 & 0xF;
        int type = cdw11 >>> 20 & 3;
        if (sensor != 0 || type > 1) {
            return Done.of(Status.INVALID_FIELD);
        }
        int value = type == 0 ? (defaults ? TEMPERATURE_OVER_DEFAULT : temperatureOver)
                : (defaults ? 0 : temperatureUnder);
        return new Done(0, value | cdw11 & 0x3F_0000);
    }

    private Done setTemperature(int v) {
        int sensor = v >>> 16 & 0xF;
        int type = v >>> 20 & 3;
        if (sensor != 0 && sensor != 0xF || type > 1) {
            return Done.of(Status.INVALID_FIELD);
        }
        if (type == 0) {
            temperatureOver = v & 0xFFFF;
        } else {
            temperatureUnder = v & 0xFFFF;
        }
        return Done.SUCCESS;
    }

    private static boolean known(int fid) {
        return fid >= ARBITRATION && fid <= ASYNC_EVENT_CONFIG && fid != 0x03;
    }

    private int current(int fid) {
        return switch (fid) {
            case ARBITRATION -> arbitration;
            case POWER_MANAGEMENT -> powerManagement;
            case ERROR_RECOVERY -> errorRecovery;
            case VOLATILE_WRITE_CACHE -> writeCache ? 1 : 0;
            case NUMBER_OF_QUEUES -> (queuesAllocated - 1) | (queuesAllocated - 1) << 16;
            case INTERRUPT_COALESCING -> coalescing;
            case WRITE_ATOMICITY -> writeAtomicity;
            case ASYNC_EVENT_CONFIG -> asyncConfig;
            default -> 0;
        };
    }

    private int defaultValue(int fid) {
        return switch (fid) {
            case VOLATILE_WRITE_CACHE -> 1;
            case NUMBER_OF_QUEUES -> (maxQueues - 1) | (maxQueues - 1) << 16;
            default -> 0;
        };
    }

    /** Snapshot: every value the host can set. */
    void save(DataOutputStream out) throws IOException {
        for (int v : new int[] {arbitration, powerManagement, temperatureOver, temperatureUnder, errorRecovery,
                queuesAllocated, coalescing, writeAtomicity, asyncConfig}) {
            out.writeInt(v);
        }
        out.writeBoolean(writeCache);
        long[] words = coalescingDisabled.toLongArray();
        out.writeShort(words.length);
        for (long w : words) {
            out.writeLong(w);
        }
    }

    void load(DataInputStream in) throws IOException {
        arbitration = in.readInt();
        powerManagement = in.readInt();
        temperatureOver = in.readInt();
        temperatureUnder = in.readInt();
        errorRecovery = in.readInt();
        queuesAllocated = in.readInt();
        coalescing = in.readInt();
        writeAtomicity = in.readInt();
        asyncConfig = in.readInt();
        writeCache = in.readBoolean();
        if (queuesAllocated < 1 || queuesAllocated > maxQueues) {
            throw new IOException("features: " + queuesAllocated + " I/O queues allocated, at most " + maxQueues);
        }
        long[] words = new long[in.readUnsignedShort()];
        for (int i = 0; i < words.length; i++) {
            words[i] = in.readLong();
        }
        BitSet disabled = BitSet.valueOf(words);
        if (disabled.length() > vectors) {
            throw new IOException("features: coalescing set for vector " + (disabled.length() - 1));
        }
        coalescingDisabled.clear();
        coalescingDisabled.or(disabled);
    }

    void inspect(InspectNode n) {
        n.field("writeCache", writeCache).field("ioQueuesAllocated", queuesAllocated).hex("asyncConfig", asyncConfig)
                .hex("coalescing", coalescing).hex("arbitration", arbitration);
    }
}
