package org.jvmm.devices.virtio.impl.hostfs;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.api.SaveRefusedException;
import org.jvmm.devices.virtio.impl.worker.RequestWorker;

/**
 * The state unit of a shared-directory device (virtio-9p, virtio-fs): the share's tag, checked on
 * restore, and its server's session, both taken on the device's worker after the request in flight.
 * Open files cannot be saved (a host file descriptor is not part of a snapshot): saving refuses while
 * the guest holds any.
 *
 * @param <S> the server's session record
 */
public final class ShareStateUnit<S> implements StateUnit {
    /** How long save and restore wait for the worker. */
    public static final long WAIT_MILLIS = 10_000;

    /** Writes a session. */
    @FunctionalInterface
    public interface Encoder<S> {
        void write(S session, DataOutputStream out) throws IOException;
    }

    /** Reads a session. */
    @FunctionalInterface
    public interface Decoder<S> {
        S read(DataInputStream in) throws IOException;
    }

    private final String unitName;
    private final String device;
    private final String tag;
    private final RequestWorker worker;
    private final IntSupplier openFiles;
    private final Supplier<S> take;
    private final Consumer<S> put;
    private final Encoder<S> encoder;
    private final Decoder<S> decoder;

    /**
     * @param unitName  e.g. {@code virtio.fs}
     * @param device    the device in messages, e.g. {@code virtio-fs}
     * @param openFiles the files the guest holds open (on the worker)
     * @param take      the server's session (on the worker)
     * @param put       restores a session into the server (on the worker)
     */
    public ShareStateUnit(String unitName, String device, String tag, RequestWorker worker, IntSupplier openFiles,
            Supplier<S> take, Consumer<S> put, Encoder<S> encoder, Decoder<S> decoder) {
        this.unitName = unitName;
        this.device = device;
        this.tag = tag;
        this.worker = worker;
        this.openFiles = openFiles;
        this.take = take;
        this.put = put;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @Override
    public String unitName() {
        return unitName;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public byte[] save() {
        S session = onWorker(() -> {
            int open = openFiles.getAsInt();
            if (open > 0) {
                throw new SaveRefusedException(device + " " + tag + " has " + open + " open "
                        + (open == 1 ? "file" : "files") + "; snapshots need them closed");
            }
            return take.get();
        });
        return StateCodec.write(out -> {
            out.writeUTF(tag);
            encoder.write(session, out);
        });
    }

    @Override
    public void restore(int version, byte[] state) throws StateUnitException {
        String[] savedTag = new String[1];
        List<S> session = new ArrayList<>(1);
        StateCodec.read(this, version, state, in -> {
            savedTag[0] = in.readUTF();
            session.add(decoder.read(in));
        });
        if (!savedTag[0].equals(tag)) {
            throw new StateUnitException(unitName + ": the snapshot's share has tag " + savedTag[0] + ", this one "
                    + tag);
        }
        try {
            worker.call(() -> {
                put.accept(session.getFirst());
                return null;
            }, WAIT_MILLIS);
        } catch (TimeoutException e) {
            throw new StateUnitException(unitName + " " + tag + ": the worker did not answer in " + WAIT_MILLIS
                    + " ms", e);
        }
    }

    private <T> T onWorker(Supplier<T> task) {
        try {
            return worker.call(task, WAIT_MILLIS);
        } catch (TimeoutException e) {
            throw new SaveRefusedException(device + " " + tag + ": a request is still running after "
                    + WAIT_MILLIS + " ms; snapshots need it finished");
        }
    }
}
