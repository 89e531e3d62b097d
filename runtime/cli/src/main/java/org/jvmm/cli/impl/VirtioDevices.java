package org.jvmm.cli.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvmm.cli.impl.options.CliException;
import org.jvmm.cli.impl.options.CliOptions;
import org.jvmm.cli.impl.options.VirtioBlkSpecs;
import org.jvmm.cli.impl.options.VirtioNetSpecs;
import org.jvmm.cli.impl.spec.DeviceSpecParsers;
import org.jvmm.cli.impl.spec.NicSpec;
import org.jvmm.cli.impl.spec.SerialSpecParser;
import org.jvmm.devices.virtio.resources.Virtio9pHandle;
import org.jvmm.devices.virtio.resources.VirtioBlkHandle;
import org.jvmm.devices.virtio.resources.VirtioConsoleHandle;
import org.jvmm.devices.virtio.resources.VirtioFsHandle;
import org.jvmm.devices.virtio.resources.VirtioNetHandle;
import org.jvmm.devices.virtio.resources.VirtioPmemHandle;
import org.jvmm.devices.virtio.resources.VirtioVsockHandle;
import org.jvmm.devices.virtio.resources.VirtioRngHandle;
import org.jvmm.storage.disk.resources.DiskSpec;
import org.jvmm.vm.config.VirtioDeviceConfig;

/**
 * The virtio devices of {@code --virtio-blk}, {@code --virtio-net}, {@code --virtio-9p}, {@code --virtio-fs},
 * {@code --virtio-pmem}, {@code --virtio-vsock-path}, {@code --virtio-rng} and
 * {@code --virtio-console}, as
 * {@link VirtioDeviceConfig}s: on the PCIe port an option names ({@code pcie_port=},
 * {@code --virtio-*-pcie-port}), else on the bus it names, else {@code auto} (the worker puts them
 * on virtio-mmio while there is no PCI).
 */
final class VirtioDevices {
    private VirtioDevices() {
    }

    static List<VirtioDeviceConfig> build(CliOptions options, Map<String, String> env) throws CliException {
        List<VirtioDeviceConfig> devices = new ArrayList<>();
        for (String value : options.storage().virtioBlk()) {
            DiskSpec d = ConfigBuilder.parse("--virtio-blk", () -> VirtioBlkSpecs.parse(value, env));
            devices.add(placed(new VirtioBlkHandle(d.disk(), d.readOnly()), null, d.pciePort().orElse(null)));
        }
        for (String value : options.network().virtioNet()) {
            NicSpec nic = ConfigBuilder.parse("--virtio-net", () -> VirtioNetSpecs.parse(value));
            var endpoint = ConfigBuilder.parse("--virtio-net", () -> VirtioNetSpecs.endpoint(nic));
            devices.add(placed(new VirtioNetHandle(endpoint, null), null, nic.pciePort().orElse(null)));
        }
        var v = options.virtio();
        for (String value : v.virtio9p()) {
            var share = ConfigBuilder.parse("--virtio-9p", () -> DeviceSpecParsers.p9Args(value, null));
            try {
                devices.add(placed(new Virtio9pHandle(share.tag(), share.path(), share.readOnly()), null,
                        share.pciePort()));
            } catch (IllegalArgumentException e) {
                throw new CliException("--virtio-9p", e.getMessage());
            }
        }
        for (String value : v.virtioFs()) {
            var share = ConfigBuilder.parse("--virtio-fs", () -> DeviceSpecParsers.fsShare(value, null, 36));
            try {
                devices.add(placed(new VirtioFsHandle(share.tag(), share.path(), share.readOnly()), null,
                        share.pciePort()));
            } catch (IllegalArgumentException e) {
                throw new CliException("--virtio-fs", e.getMessage());
            }
        }
        if (v.virtioPmem() != null) {
            var prefixed = org.jvmm.cli.impl.spec.ValueChecks.pciePortPrefix(v.virtioPmem());
            devices.add(placed(new VirtioPmemHandle(prefixed.rest(), false), null, prefixed.pciePort()));
        }
        if (v.virtioVsockPath() != null) {
            devices.add(placed(new VirtioVsockHandle(v.virtioVsockPath()), v.virtioVsockBus(), null));
        }
        if (v.virtioRng()) {
            devices.add(placed(new VirtioRngHandle(), v.virtioRngBus(), v.virtioRngPciePort()));
        }
        String console = options.serial().virtioConsole();
        if (console != null) {
            var backend = ConfigBuilder.serialHandle("--virtio-console",
                    ConfigBuilder.parse("--virtio-console", () -> SerialSpecParser.parse(console)));
            devices.add(placed(new VirtioConsoleHandle(backend), null, options.serial().virtioConsolePciePort()));
        }
        return devices;
    }

    private static VirtioDeviceConfig placed(org.jvmm.vmm.resource.ResourceHandle device, String bus, String port) {
        return new VirtioDeviceConfig(device, port != null ? "pci" : bus == null ? "auto" : bus, port);
    }
}
