package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.implementedFlag;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnlyFlag;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.cli.impl.spec.DeviceSpecParsers;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** virtio file systems, pmem, entropy and vsock. */
public final class VirtioOptions implements OptionGroup {
    private static final String VIRTIO = "bundle devices-virtio";
    private static final String[] BUSES = {"auto", "mmio", "pci", "vpci"};

    @Option(names = "--virtio-9p", paramLabel = "[pcie_port=PORT:]TAG,PATH[,ro]",
            description = "share a host directory with the guest over virtio 9p (mount -t 9p -o trans=virtio TAG)")
    List<String> virtio9p = new ArrayList<>();

    @Option(arity = "0", names = "--virtio-9p-debug", description = "output debug info from the 9p server")
    boolean virtio9pDebug;

    @Option(names = "--virtio-fs", paramLabel = "[pcie_port=PORT:]TAG,PATH[,ro]",
            description = "share a host directory with the guest over virtio-fs (mount -t virtiofs TAG)")
    List<String> virtioFs = new ArrayList<>();

    @Option(names = "--virtio-fs-shmem", paramLabel = "[pcie_port=PORT:]TAG,PATH", description = "add a shared-memory virtio-fs device")
    List<String> virtioFsShmem = new ArrayList<>();

    @Option(names = "--virtio-fs-bus", paramLabel = "auto|mmio|pci|vpci", description = "bus for virtio-fs devices (default: auto)")
    String virtioFsBus;

    @Option(names = "--virtio-pmem", paramLabel = "[pcie_port=PORT:]PATH", description = "virtio PMEM device")
    String virtioPmem;

    @Option(arity = "0", names = "--virtio-rng", description = "add a virtio entropy (RNG) device")
    boolean virtioRng;

    @Option(names = "--virtio-rng-bus", paramLabel = "auto|mmio|pci|vpci", description = "bus for the virtio-rng device (default: auto)")
    String virtioRngBus;

    @Option(names = "--virtio-rng-pcie-port", paramLabel = "PORT", description = "PCIe port of the virtio-rng device")
    String virtioRngPciePort;

    @Option(names = "--virtio-vsock-bus", paramLabel = "mmio|pci", description = "bus for virtio vsock devices")
    String virtioVsockBus;

    @Option(names = "--virtio-vsock-path", paramLabel = "PATH", description = "virtio vsock device with this Unix socket base path")
    String virtioVsockPath;

    @Option(names = "--virtio-vsock-vhost-cid", paramLabel = "CID", description = "vhost_vsock guest CID (Linux)")
    String virtioVsockVhostCid;

    public List<String> virtioFs() {
        return virtioFs;
    }

    public List<String> virtio9p() {
        return virtio9p;
    }

    public String virtioPmem() {
        return virtioPmem;
    }

    public String virtioVsockPath() {
        return virtioVsockPath;
    }

    public String virtioVsockBus() {
        return virtioVsockBus;
    }

    public boolean virtioRng() {
        return virtioRng;
    }

    public String virtioRngBus() {
        return virtioRngBus;
    }

    public String virtioRngPciePort() {
        return virtioRngPciePort;
    }

    @Override
    public String heading() {
        return "Other virtio devices";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                implemented("--virtio-9p", v -> DeviceSpecParsers.p9Args(v, ctx)),
                parsedOnlyFlag("--virtio-9p-debug", VIRTIO),
                implemented("--virtio-fs", v -> DeviceSpecParsers.fsShare(v, ctx, 36)),
                parsedOnly("--virtio-fs-shmem", VIRTIO, DeviceSpecParsers::fsArgs),
                parsedOnly("--virtio-fs-bus", VIRTIO, v -> ValueChecks.choice(v, BUSES)),
                implemented("--virtio-pmem", DeviceSpecParsers::pmem),
                implementedFlag("--virtio-rng"),
                implemented("--virtio-rng-bus", v -> ValueChecks.choice(v, "auto", "mmio", "pci")),
                implemented("--virtio-rng-pcie-port", ValueChecks::nonEmpty),
                implemented("--virtio-vsock-bus", v -> ValueChecks.choice(v, "mmio", "pci")),
                implemented("--virtio-vsock-path", v -> ctx.guestOutputFile(v)),
                parsedOnly("--virtio-vsock-vhost-cid", VIRTIO, DeviceSpecParsers::vsockCid));
    }
}
