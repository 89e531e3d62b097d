package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.implementedFlag;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.AARCH64;
import static org.jvmm.cli.impl.options.OptionRule.unsupported;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnlyFlag;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.cli.impl.spec.HypervisorSpec;
import org.jvmm.cli.impl.spec.HypervisorSpecParser;
import org.jvmm.cli.impl.spec.MachineLimits;
import org.jvmm.cli.impl.spec.MemorySpec;
import org.jvmm.cli.impl.spec.MemorySpecParser;
import org.jvmm.cli.impl.spec.Numbers;
import org.jvmm.cli.impl.spec.SpecException;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** Processors, memory, NUMA, the hypervisor backend and CPU topology. */
public final class MachineOptions implements OptionGroup {
    private static final String NUMA = "NUMA support in bundle vm-worker";
    private static final String MEMBACKING = "memory backing options in bundle guestmem";
    private static final String TOPOLOGY = "CPU topology support in bundle vm-worker";

    @Option(names = {"-p", "--processors"}, paramLabel = "COUNT",
            description = "processor count, 1-" + MachineLimits.MAX_PROCESSORS + " (default: 1)")
    String processors;

    @Option(names = {"-m", "--memory"}, paramLabel = "PARAMS",
            description = "guest RAM: SIZE (K/M/G/T suffix, optional B; a bare number is bytes) or"
                    + " size=SIZE[,shared][,prefetch][,thp][,hugepages][,hugepage_size=SIZE][,file=PATH]"
                    + " (default: 1GB)")
    String memory;

    @Option(names = "--numa", paramLabel = "PARAMS", description = "a guest NUMA node: size=SIZE[,host_numa_node=N][,vps=[LIST]]...")
    List<String> numa = new ArrayList<>();

    @Option(names = "--numa-distance", paramLabel = "SRC:DST:DIST", description = "NUMA distance (10-255)")
    List<String> numaDistance = new ArrayList<>();

    @Option(arity = "0", names = {"-M", "--shared-memory"}, hidden = true, description = "use a shared memory segment")
    boolean sharedMemory;

    @Option(arity = "0", names = "--prefetch", hidden = true, description = "prefetch guest RAM (deprecated: -m prefetch)")
    boolean prefetch;

    @Option(names = "--memory-backing-file", paramLabel = "FILE", hidden = true, description = "back guest RAM with a file (deprecated: -m file=)")
    String memoryBackingFile;

    @Option(arity = "0", names = "--private-memory", hidden = true, description = "use private anonymous memory for guest RAM")
    boolean privateMemory;

    @Option(arity = "0", names = "--thp", hidden = true, description = "enable transparent huge pages for guest RAM")
    boolean thp;

    @Option(names = "--restore-snapshot", paramLabel = "DIR", description = "restore the VM from a snapshot directory")
    String restoreSnapshot;

    @Option(names = "--hypervisor", paramLabel = "NAME[:PARAMS]",
            description = "hypervisor backend: emu, kvm[:force] or whp[:user_mode_apic,no_enlightenments]"
                    + " (default: the first usable one; force uses a software KVM too)")
    String hypervisor;

    @Option(arity = "0", names = "--nested-virt", description = "expose VMX/SVM to the guest")
    boolean nestedVirt;

    @Option(names = "--apic-id-offset", paramLabel = "N", description = "APIC ID offset (testing)")
    String apicIdOffset;

    @Option(names = "--vps-per-socket", paramLabel = "N", description = "maximum VPs per socket")
    String vpsPerSocket;

    @Option(names = "--smt", paramLabel = "auto|force|off", description = "SMT (hyperthreading)")
    String smt;

    @Option(names = "--x2apic", paramLabel = "auto|supported|off|on", description = "x2APIC support")
    String x2apic;

    @Option(names = "--gic-msi", paramLabel = "auto|its|v2m", description = "aarch64 PCIe MSI controller")
    String gicMsi;

    /** The snapshot folder to restore before the VM starts, or null. */
    public String restoreSnapshot() {
        return restoreSnapshot;
    }

    @Override
    public String heading() {
        return "Processors and memory";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                implemented("--processors", MachineLimits::processors),
                implemented("--memory", v -> checkMemory(v, ctx)),
                parsedOnly("--numa", NUMA, MemorySpecParser::parseNumaNode),
                parsedOnly("--numa-distance", NUMA, MemorySpecParser::parseNumaDistance),
                parsedOnlyFlag("--shared-memory", MEMBACKING),
                implementedFlag("--prefetch"),
                implemented("--memory-backing-file", ctx::guestOutputFile),
                parsedOnlyFlag("--private-memory", MEMBACKING),
                parsedOnlyFlag("--thp", MEMBACKING),
                implemented("--restore-snapshot", ValueChecks::nonEmpty),
                implemented("--hypervisor", MachineOptions::checkHypervisor),
                parsedOnlyFlag("--nested-virt", "bundle hv-kvm or hv-whp"),
                parsedOnly("--apic-id-offset", TOPOLOGY, v -> Numbers.unsigned(v, Numbers.U32_MAX, "number")),
                parsedOnly("--vps-per-socket", TOPOLOGY, v -> Numbers.unsigned(v, Numbers.U32_MAX, "number")),
                parsedOnly("--smt", TOPOLOGY, v -> ValueChecks.choice(v, "auto", "force", "off")),
                parsedOnly("--x2apic", TOPOLOGY, v -> ValueChecks.choice(v, "auto", "supported", "off", "on")),
                unsupported("--gic-msi", AARCH64, v -> ValueChecks.choice(v, "auto", "its", "v2m")));
    }

    /** The size is range-checked; {@code size}, {@code file} and {@code prefetch} are implemented. */
    static void checkMemory(String value, RuleContext ctx) throws SpecException {
        MemorySpec m = MemorySpecParser.parse(value);
        MachineLimits.memory(m.size().orElse(MachineLimits.DEFAULT_MEMORY));
        if (m.hasBackingTuning()) {
            throw new SpecException("shared, thp, hugepages and hugepage_size are not implemented yet (need "
                    + MEMBACKING + "); size, file and prefetch are");
        }
        if (m.file().isPresent()) {
            ctx.guestOutputFile(m.file().get());
        }
    }

    /** Backend parameters other than {@code force} have no place in the config yet. */
    static void checkHypervisor(String value) throws SpecException {
        HypervisorSpec h = HypervisorSpecParser.parse(value);
        for (String p : h.params()) {
            if (!p.equals(HypervisorSpecParser.FORCE)) {
                throw new SpecException(h.name() + " parameter '" + p + "' is not implemented yet (needs bundle hv-"
                        + h.name() + ")");
            }
        }
    }

    public boolean prefetch() {
        return prefetch;
    }

    public String memoryBackingFile() {
        return memoryBackingFile;
    }

    public String processors() {
        return processors;
    }

    public String memory() {
        return memory;
    }

    public String hypervisor() {
        return hypervisor;
    }
}
