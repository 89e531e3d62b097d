package org.jvmm.hv.whp.impl;

import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.Probe;
import org.jvmm.hv.whp.impl.ffm.WhpCalls;
import org.jvmm.hv.whp.impl.ffm.WinHvPlatform;

/**
 * The Windows Hypervisor Platform backend. Constructing it touches nothing native: the DLL is loaded by
 * the first {@link #probe()} or {@link #createPartition} on Windows, and never elsewhere.
 */
public final class WhpHypervisor implements Hypervisor {
    public static final String NAME = "whp";

    private final String osName;
    private final Loader loader;

    /** Loads WinHvPlatform (or a stand-in, in tests). */
    @FunctionalInterface
    public interface Loader {
        WhpCalls load() throws HypervisorException;
    }

    public WhpHypervisor() {
        this(System.getProperty("os.name", "an unknown OS"), WinHvPlatform::load);
    }

    WhpHypervisor(String osName, Loader loader) {
        this.osName = osName;
        this.loader = loader;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Probe probe() {
        return WhpProbe.probe(osName, loader);
    }

    @Override
    public Partition createPartition(PartitionConfig config) throws HypervisorException {
        if (!WhpProbe.isWindows(osName)) {
            throw new HypervisorException("hypervisor:whp: " + WhpProbe.notWindows(osName));
        }
        return WhpPartition.create(config, loader.load());
    }

    @Override
    public String toString() {
        return "hypervisor:" + NAME;
    }
}
