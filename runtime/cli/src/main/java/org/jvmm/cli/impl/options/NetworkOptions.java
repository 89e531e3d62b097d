package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnlyFlag;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.cli.impl.spec.NicSpecParser;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** Network adapters and their backends. */
public final class NetworkOptions implements OptionGroup {
    static final String NIC_SYNTAX = "[vtl2:][uh:][queues=N:][pcie_port=P:]BACKEND; BACKEND: consomme[:CIDR]"
            + "[,hostfwd=tcp|udp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT] | dio[:ID] | tap:NAME | loopback | none";

    @Option(arity = "0", names = "--nic", description = "expose a virtual NIC (consomme backend)")
    boolean nic;

    @Option(names = "--net", paramLabel = "NIC", description = "expose a virtual NIC (repeatable): " + NIC_SYNTAX)
    List<String> net = new ArrayList<>();

    @Option(names = "--virtio-net", paramLabel = "NIC", description = "expose a virtio-net NIC (repeatable, see --net)")
    List<String> virtioNet = new ArrayList<>();

    @Option(names = "--mana", paramLabel = "NIC", description = "expose an emulated MANA NIC (repeatable, see --net)")
    List<String> mana = new ArrayList<>();

    @Option(names = "--kernel-vmnic", paramLabel = "SWITCH_ID", description = "a NIC on the Windows kernel-mode vmswitch")
    List<String> kernelVmnic = new ArrayList<>();

    public List<String> virtioNet() {
        return virtioNet;
    }

    @Override
    public String heading() {
        return "Network";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                parsedOnlyFlag("--nic", "bundle net-consomme and a NIC device bundle"),
                parsedOnly("--net", "bundle net-consomme and a NIC device bundle", NicSpecParser::parse),
                implemented("--virtio-net", VirtioNetSpecs::check),
                parsedOnly("--mana", "bundle devices-mana", NicSpecParser::parse),
                parsedOnly("--kernel-vmnic", "bundle net-vmswitch (Windows)", ValueChecks::nonEmpty));
    }
}
