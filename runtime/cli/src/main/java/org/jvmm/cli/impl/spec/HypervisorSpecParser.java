package org.jvmm.cli.impl.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code --hypervisor}: OpenVMM's {@code name} or {@code name:key=val,key,...} syntax,
 * with jvmm's backends ({@code emu}, {@code kvm}, {@code whp}) and the parameters each accepts
 * (WHP's {@code user_mode_apic} and {@code no_enlightenments}, as in OpenVMM; jvmm's
 * {@code kvm:force}, which uses KVM even when it is a software implementation).
 */
public final class HypervisorSpecParser {
    /** jvmm's parameter: use the named backend even where it would be skipped. */
    public static final String FORCE = "force";
    /** Backend name to the parameters it accepts. */
    public static final Map<String, List<String>> BACKENDS = Map.of(
            "emu", List.of(),
            "kvm", List.of(FORCE),
            "whp", List.of("user_mode_apic", "no_enlightenments"));

    private HypervisorSpecParser() {
    }

    public static HypervisorSpec parse(String s) throws SpecException {
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        List<String> accepted = BACKENDS.get(name);
        if (accepted == null) {
            throw new SpecException("unknown hypervisor '" + name + "' (expected emu, kvm or whp)");
        }
        Set<String> params = new LinkedHashSet<>();
        if (colon >= 0) {
            for (String p : KeyValueSpec.split(s.substring(colon + 1))) {
                if (!accepted.contains(p)) {
                    throw new SpecException("unknown " + name + " parameter '" + p + "'"
                            + (accepted.isEmpty() ? " (" + name + " takes none)" : " (expected one of " + accepted + ")"));
                }
                if (!params.add(p)) {
                    throw new SpecException("duplicate " + name + " parameter '" + p + "'");
                }
            }
        }
        return new HypervisorSpec(name, params);
    }
}
