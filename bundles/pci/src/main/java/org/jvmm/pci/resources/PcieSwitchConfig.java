package org.jvmm.pci.resources;

/**
 * A PCIe switch behind a root port or another switch's downstream port, as OpenVMM's
 * {@code --pcie-switch <port>:<name>[,num_downstream_ports=<n>][,hotplug]}: an upstream port
 * (device 0 behind {@code parent}) and {@code downstreamPorts} downstream ports on its internal
 * bus, named {@code <name>-downstream-<i>} (i from 0), where devices are placed.
 *
 * @param parent          a root port or a downstream port of another switch
 * @param name            unique among ports and switches
 * @param downstreamPorts 1..32; 0 means the default, 4
 * @param hotplug         PCIe native hot-plug on every downstream port
 */
public record PcieSwitchConfig(String parent, String name, int downstreamPorts, boolean hotplug) {
    public static final int DEFAULT_DOWNSTREAM_PORTS = 4;

    public PcieSwitchConfig {
        Names.check("switch parent port", parent);
        Names.check("switch", name);
        downstreamPorts = downstreamPorts == 0 ? DEFAULT_DOWNSTREAM_PORTS : downstreamPorts;
        Names.range("switch " + name + " downstreamPorts", downstreamPorts, 1, 32);
    }

    /** The name of downstream port {@code index}: {@code <name>-downstream-<index>}. */
    public String downstreamPortName(int index) {
        return name + "-downstream-" + index;
    }
}
