package org.jvmm.cli.impl.spec;

import java.util.List;
import java.util.regex.Pattern;

/** Small value syntaxes shared by many options: choices, GUIDs, names, PCIe port prefixes. */
public final class ValueChecks {
    private static final Pattern GUID = Pattern.compile(
            "\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}?");

    /** An optional {@code pcie_port=<name>:} prefix and the rest. */
    public record PciePrefixed(String pciePort, String rest) {
    }

    private ValueChecks() {
    }

    /** {@code value} must be one of {@code allowed} (case-sensitive, like clap's value enums). */
    public static String choice(String value, String... allowed) throws SpecException {
        if (!List.of(allowed).contains(value)) {
            throw new SpecException("invalid value '" + value + "' (expected one of: " + String.join(", ", allowed) + ")");
        }
        return value;
    }

    /** A non-empty free-form value (a name, a path). */
    public static String nonEmpty(String value) throws SpecException {
        if (value.isEmpty()) {
            throw new SpecException("value must not be empty");
        }
        return value;
    }

    /** A GUID {@code 8-4-4-4-12} hex digits, optionally in braces. */
    public static String guid(String value) throws SpecException {
        if (!GUID.matcher(value).matches()) {
            throw new SpecException("invalid GUID '" + value + "'");
        }
        return value;
    }

    /** OpenVMM's {@code parse_pcie_port_prefix}: strips {@code pcie_port=<non-empty>:} when present. */
    public static PciePrefixed pciePortPrefix(String s) {
        if (s.startsWith("pcie_port=")) {
            String rest = s.substring("pcie_port=".length());
            int colon = rest.indexOf(':');
            if (colon > 0) {
                return new PciePrefixed(rest.substring(0, colon), rest.substring(colon + 1));
            }
        }
        return new PciePrefixed(null, s);
    }
}
