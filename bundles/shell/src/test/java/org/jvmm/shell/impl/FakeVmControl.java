package org.jvmm.shell.impl;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.Registration;

/** A VmControl over 4 KiB of "RAM" that records the operations it is asked for. */
class FakeVmControl implements VmControl {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final byte[] ram = new byte[4096];
    volatile VmState state = VmState.RUNNING;
    volatile String reason;
    private final VmConfig config = VmConfig.builder().memoryBytes(1L << 30).processors(2).build();

    @Override
    public void start() {
        calls.add("start");
    }

    @Override
    public void pause() {
        calls.add("pause");
        if (state != VmState.RUNNING) {
            throw new IllegalVmStateException("pause", state);
        }
        state = VmState.PAUSED;
    }

    @Override
    public void resume() {
        calls.add("resume");
        if (state != VmState.PAUSED) {
            throw new IllegalVmStateException("resume", state);
        }
        state = VmState.RUNNING;
    }

    @Override
    public void reset() {
        calls.add("reset");
    }

    @Override
    public void stop() {
        calls.add("stop");
        state = VmState.STOPPED;
        reason = "stopped by request";
    }

    @Override
    public void nmi(int vp) {
        calls.add("nmi " + vp);
    }

    @Override
    public VmState state() {
        return state;
    }

    @Override
    public Optional<String> stopReason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public boolean awaitStopped(Duration timeout) {
        return state == VmState.STOPPED;
    }

    @Override
    public byte[] readMemory(long gpa, int len) {
        check(gpa, len);
        return Arrays.copyOfRange(ram, (int) gpa, (int) gpa + len);
    }

    @Override
    public void writeMemory(long gpa, byte[] data) {
        check(gpa, data.length);
        System.arraycopy(data, 0, ram, (int) gpa, data.length);
    }

    @Override
    public InspectNode inspect() {
        InspectNode n = new InspectNode();
        n.field("state", state.name().toLowerCase(java.util.Locale.ROOT));
        n.child("hypervisor").field("chosen", "emu");
        n.child("vp").child("0").hex("rip", 0xfff0);
        return n;
    }

    @Override
    public Optional<Object> inspect(String path) {
        return inspect().at(path);
    }

    @Override
    public VmConfig config() {
        return config;
    }

    @Override
    public Registration addStateListener(Consumer<VmState> listener) {
        return () -> { };
    }

    private void check(long gpa, long len) {
        if (gpa < 0 || gpa + len > ram.length) {
            throw new IllegalArgumentException(String.format("0x%x..+0x%x is not guest RAM (RAM: 0x0-0xfff)", gpa, len));
        }
    }
}
