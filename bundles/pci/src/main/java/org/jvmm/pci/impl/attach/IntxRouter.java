package org.jvmm.pci.impl.attach;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.PciIntxRoute;
import org.jvmm.inspect.InspectNode;

/**
 * INTx wiring: root-bus device d, pin p (1..4) goes to {@code gsis[(d + p - 1) % gsis.length]}.
 * Functions share GSIs; a GSI is high while any of its sources asserts (wired-OR of
 * level-triggered lines). Thread-safe.
 */
public final class IntxRouter {
    private final int[] gsis;
    private final LineInterrupt[] lines;
    private final int[] asserted;

    public IntxRouter(List<Integer> gsis, IntFunction<LineInterrupt> lineForGsi) {
        this.gsis = gsis.stream().mapToInt(Integer::intValue).toArray();
        this.lines = new LineInterrupt[this.gsis.length];
        this.asserted = new int[this.gsis.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lineForGsi.apply(this.gsis[i]);
        }
    }

    /** The GSI of root-bus device {@code device}, pin {@code pin} (1..4). */
    public int gsi(int device, int pin) {
        return gsis[index(device, pin)];
    }

    /** The pin at the root bus for {@code pin} of a function whose path adds {@code rotation}. */
    public static int swizzle(int pin, int rotation) {
        return (pin - 1 + rotation) % 4 + 1;
    }

    /** A new source driving the GSI of root-bus device {@code device}, pin {@code pin}. */
    public Source source(int device, int pin) {
        return new Source(index(device, pin));
    }

    /** The {@code _PRT}: every root-bus device and pin. */
    public List<PciIntxRoute> routes() {
        List<PciIntxRoute> out = new ArrayList<>();
        for (int d = 0; d < 32; d++) {
            for (int p = 1; p <= 4; p++) {
                out.add(new PciIntxRoute(d, p, gsi(d, p)));
            }
        }
        return out;
    }

    public List<Integer> gsis() {
        return java.util.Arrays.stream(gsis).boxed().toList();
    }

    public synchronized void inspect(InspectNode node) {
        for (int i = 0; i < gsis.length; i++) {
            node.field("gsi " + gsis[i], asserted[i] == 0 ? "low" : "high (" + asserted[i] + " asserting)");
        }
    }

    private int index(int device, int pin) {
        if (device < 0 || device > 31 || pin < 1 || pin > 4) {
            throw new IllegalArgumentException("intx: device 0..31 and pin 1..4, got " + device + "/" + pin);
        }
        return (device + pin - 1) % gsis.length;
    }

    private synchronized void change(int index, boolean high) {
        int before = asserted[index];
        asserted[index] += high ? 1 : -1;
        if (before == 0 && high || asserted[index] == 0 && !high) {
            lines[index].setLevel(high);
        }
    }

    /** One function's contribution to a GSI; closing it deasserts it for good. */
    public final class Source implements LineInterrupt {
        private final int index;
        private boolean level;
        private boolean closed;

        private Source(int index) {
            this.index = index;
        }

        public int gsi() {
            return gsis[index];
        }

        @Override
        public void setLevel(boolean high) {
            synchronized (IntxRouter.this) {
                if (!closed && high != level) {
                    level = high;
                    change(index, high);
                }
            }
        }

        public void close() {
            synchronized (IntxRouter.this) {
                setLevel(false);
                closed = true;
            }
        }
    }
}
