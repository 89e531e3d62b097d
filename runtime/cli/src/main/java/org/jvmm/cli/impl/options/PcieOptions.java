package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.implementedFlag;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.AARCH64;
import static org.jvmm.cli.impl.options.OptionRule.unsupported;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnlyFlag;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.cli.impl.spec.PcieSpecParsers;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** PCIe topology, IOMMUs and device assignment. */
public final class PcieOptions implements OptionGroup {
    private static final String PCIE = "PCIe topology support in bundle pci";
    private static final String ASSIGN = "bundle devices-vfio";

    @Option(names = "--pcie-root-complex", paramLabel = "NAME[,OPTS]",
            description = "a root complex: NAME[,segment=][,start_bus=][,end_bus=][,low_mmio=][,high_mmio=]"
                    + "[,low_mmio_base=][,high_mmio_base=][,hdm=][,hdm_window_restrictions=][,preserve_bars][,node=]")
    List<String> rootComplex = new ArrayList<>();

    @Option(arity = "0", names = "--pcie-ecam-below-4gb", description = "place PCIe ECAM below 4 GiB")
    boolean ecamBelow4gb;

    @Option(names = "--pcie-root-port", paramLabel = "RC:NAME[,OPTS]",
            description = "a root port: RC:NAME[,addr=DEV[.FN]][,hotplug][,acs=MASK][,cxl][,pasid]")
    List<String> rootPort = new ArrayList<>();

    @Option(names = "--pcie-switch", paramLabel = "PORT:NAME[,OPTS]",
            description = "a switch: PORT:NAME[,num_downstream_ports=N][,hotplug][,acs=MASK][,pasid]")
    List<String> pcieSwitch = new ArrayList<>();

    @Option(names = "--pcie-generic-initiator", paramLabel = "port=NAME,node=N",
            description = "declare the device behind a port an SRAT generic initiator")
    List<String> genericInitiator = new ArrayList<>();

    @Option(names = "--pcie-remote", paramLabel = "PORT[,OPTS]", description = "a remote PCIe device: PORT[,socket=ADDR][,hu=N][,controller=N]")
    List<String> remote = new ArrayList<>();

    @Option(names = "--vfio", paramLabel = "PARAMS", description = "assign a host PCI device: host=BDF,port=NAME[,iommu=ID][,barN=host|0xADDR]")
    List<String> vfio = new ArrayList<>();

    @Option(names = "--iommu", paramLabel = "id=NAME", description = "an iommufd context for --vfio")
    List<String> iommu = new ArrayList<>();

    @Option(names = "--amd-iommu", paramLabel = "RC", description = "AMD IOMMU emulation on a root complex")
    List<String> amdIommu = new ArrayList<>();

    @Option(names = "--intel-vtd", paramLabel = "RC", description = "Intel VT-d emulation on a root complex")
    List<String> intelVtd = new ArrayList<>();

    @Option(names = "--smmu", paramLabel = "rc=NAME[,accel][,oas=auto|N]", description = "aarch64 SMMUv3 for a root complex")
    List<String> smmu = new ArrayList<>();

    @Option(names = "--device", paramLabel = "PATH", description = "assign a host device (Windows)")
    List<String> device = new ArrayList<>();

    public List<String> rootComplex() {
        return rootComplex;
    }

    public List<String> rootPort() {
        return rootPort;
    }

    public List<String> pcieSwitch() {
        return pcieSwitch;
    }

    @Override
    public String heading() {
        return "PCIe and device assignment";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                implemented("--pcie-root-complex", PcieSpecParsers::rootComplex),
                implementedFlag("--pcie-ecam-below-4gb"),
                implemented("--pcie-root-port", PcieSpecParsers::rootPort),
                implemented("--pcie-switch", PcieSpecParsers::pcieSwitch),
                parsedOnly("--pcie-generic-initiator", PCIE, PcieSpecParsers::genericInitiator),
                parsedOnly("--pcie-remote", "bundle devices-pcie-remote", PcieSpecParsers::remote),
                parsedOnly("--vfio", ASSIGN, PcieSpecParsers::vfio),
                parsedOnly("--iommu", ASSIGN, PcieSpecParsers::iommu),
                parsedOnly("--amd-iommu", "bundle devices-iommu", ValueChecks::nonEmpty),
                parsedOnly("--intel-vtd", "bundle devices-iommu", ValueChecks::nonEmpty),
                unsupported("--smmu", AARCH64, PcieSpecParsers::smmu),
                parsedOnly("--device", "device assignment on Windows", ValueChecks::nonEmpty));
    }
}
