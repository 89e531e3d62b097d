package org.jvmm.vm.worker.impl.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvmm.chipset.api.InterruptController;

/** Records {@code setInput} as {@code "pin=level"}, EOIs, and answers acknowledges with a vector. */
public final class FakeController implements InterruptController {
    private final Kind kind;
    private final int pins;
    public final List<String> inputs = new CopyOnWriteArrayList<>();
    public final List<Integer> eois = new CopyOnWriteArrayList<>();
    public volatile int vector = -1;

    public FakeController(Kind kind, int pins) {
        this.kind = kind;
        this.pins = pins;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public int pins() {
        return pins;
    }

    @Override
    public void setInput(int pin, boolean high) {
        inputs.add(pin + "=" + (high ? 1 : 0));
    }

    @Override
    public int acknowledge() {
        return vector;
    }

    @Override
    public void endOfInterrupt(int v) {
        eois.add(v);
    }
}
