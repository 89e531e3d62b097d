package org.jvmm.vm.worker.impl.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.InterruptController;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.inspect.InspectNode;

/**
 * A configurable chipset device: claims ports and MMIO ranges, answers reads with
 * {@code readValue} (or {@code result}, or an exception), records every write as
 * {@code "port 0x80=0x12"} / {@code "mmio 0x1000=0x12"}.
 */
public class FakeDevice implements ChipsetDevice, PortIoIntercept, MmioIntercept {
    private final String name;
    private final List<PortRange> ports = new ArrayList<>();
    private final List<MmioRange> mmio = new ArrayList<>();
    public final List<String> writes = new CopyOnWriteArrayList<>();
    public volatile long readValue;
    public volatile IoResult result = IoResult.OK;
    public volatile RuntimeException failure;
    public volatile int resets;
    private InterruptController controller;

    public FakeDevice(String name) {
        this.name = name;
    }

    public FakeDevice port(int start, int length) {
        ports.add(new PortRange(name + "-io", start, length));
        return this;
    }

    public FakeDevice mmio(long start, long length) {
        mmio.add(new MmioRange(name + "-mmio", start, length));
        return this;
    }

    public FakeDevice controller(InterruptController c) {
        controller = c;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return ports.isEmpty() ? Optional.empty() : Optional.of(this);
    }

    @Override
    public Optional<MmioIntercept> mmio() {
        return mmio.isEmpty() ? Optional.empty() : Optional.of(this);
    }

    @Override
    public Optional<InterruptController> interruptController() {
        return Optional.ofNullable(controller);
    }

    @Override
    public void reset() {
        resets++;
    }

    @Override
    public List<PortRange> portRanges() {
        return ports;
    }

    @Override
    public List<MmioRange> mmioRanges() {
        return mmio;
    }

    @Override
    public IoResult ioRead(int port, int size, IoValue out) {
        return answer(out);
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        return record("port 0x" + Integer.toHexString(port), value);
    }

    @Override
    public IoResult mmioRead(long address, int size, IoValue out) {
        return answer(out);
    }

    @Override
    public IoResult mmioWrite(long address, int size, long value) {
        return record("mmio 0x" + Long.toHexString(address), value);
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("writes", writes.size());
    }

    private IoResult answer(IoValue out) {
        if (failure != null) {
            throw failure;
        }
        out.set(readValue);
        return result;
    }

    private IoResult record(String where, long value) {
        if (failure != null) {
            throw failure;
        }
        writes.add(where + "=0x" + Long.toHexString(value));
        return result;
    }
}
