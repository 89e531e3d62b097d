package org.jvmm.devices.virtio.impl.transport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What unit {@code virtio.transport} holds: the device status, the driver's (after FEATURES_OK: the
 * negotiated) features, the config generation, why the device needs a reset (if it does), and per
 * queue the driver's configuration and, for a queue in use, its ring positions.
 */
record SavedCore(int status, long driverFeatures, int configGeneration, String needsReset, List<Queue> queues) {
    SavedCore {
        queues = List.copyOf(queues);
    }

    /** One queue: size, ready, ring addresses; {@code active} with the positions of a queue in use. */
    record Queue(int size, boolean ready, long desc, long avail, long used, boolean active, int nextAvail,
            int nextUsed) {
    }

    void write(DataOutputStream out) throws IOException {
        out.writeByte(status);
        out.writeLong(driverFeatures);
        out.writeInt(configGeneration);
        out.writeBoolean(needsReset != null);
        if (needsReset != null) {
            out.writeUTF(needsReset);
        }
        out.writeByte(queues.size());
        for (Queue q : queues) {
            out.writeInt(q.size());
            out.writeBoolean(q.ready());
            out.writeLong(q.desc());
            out.writeLong(q.avail());
            out.writeLong(q.used());
            out.writeBoolean(q.active());
            out.writeShort(q.nextAvail());
            out.writeShort(q.nextUsed());
        }
    }

    static SavedCore read(DataInputStream in) throws IOException {
        int status = in.readUnsignedByte();
        long features = in.readLong();
        int generation = in.readInt();
        String needsReset = in.readBoolean() ? in.readUTF() : null;
        int count = in.readUnsignedByte();
        List<Queue> queues = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            queues.add(new Queue(in.readInt(), in.readBoolean(), in.readLong(), in.readLong(), in.readLong(),
                    in.readBoolean(), in.readUnsignedShort(), in.readUnsignedShort()));
        }
        return new SavedCore(status, features, generation, needsReset, queues);
    }
}
