package org.jvmm.pci.impl.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * A bus: up to 256 functions by devfn. On a PCIe link (behind a root port or a switch downstream
 * port) only device 0 is decoded; other device numbers read as absent.
 */
public final class PciBus {
    private final BridgeFunction upstream;
    private final boolean link;
    private final ConfigFunction[] functions = new ConfigFunction[256];

    /** The root bus, or the secondary bus of {@code upstream}. */
    public PciBus(BridgeFunction upstream, boolean link) {
        this.upstream = upstream;
        this.link = link;
    }

    /** The bridge above, or null for the root bus. */
    public BridgeFunction upstream() {
        return upstream;
    }

    public boolean isLink() {
        return link;
    }

    /** The function a config cycle to {@code devfn} reaches, or null. */
    public ConfigFunction decode(int devfn) {
        return link && devfn >>> 3 != 0 ? null : functions[devfn];
    }

    public ConfigFunction at(int devfn) {
        return functions[devfn];
    }

    public void put(int devfn, ConfigFunction f) {
        if (functions[devfn] != null) {
            throw new IllegalStateException(String.format("devfn %02x.%x is taken", devfn >>> 3, devfn & 7));
        }
        functions[devfn] = f;
    }

    public void remove(int devfn) {
        functions[devfn] = null;
    }

    /** The devfn of {@code f}, or -1. */
    public int devfnOf(ConfigFunction f) {
        for (int i = 0; i < functions.length; i++) {
            if (functions[i] == f) {
                return i;
            }
        }
        return -1;
    }

    /** Occupied devfns in order. */
    public List<Integer> occupied() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < functions.length; i++) {
            if (functions[i] != null) {
                out.add(i);
            }
        }
        return out;
    }

    /** The bridges on this bus in devfn order. */
    public List<BridgeFunction> bridges() {
        List<BridgeFunction> out = new ArrayList<>();
        for (ConfigFunction f : functions) {
            if (f instanceof BridgeFunction b) {
                out.add(b);
            }
        }
        return out;
    }

    /** Routes a cycle for bus {@code bus} (not this bus) through the bridges below: the target or null. */
    public ConfigFunction route(int bus, int devfn) {
        for (BridgeFunction b : bridges()) {
            if (b.forwards(bus)) {
                return b.route(bus, devfn);
            }
        }
        return null;
    }
}
