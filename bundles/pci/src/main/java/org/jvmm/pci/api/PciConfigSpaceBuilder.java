package org.jvmm.pci.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jvmm.chipset.api.PciAddress;

/**
 * Builds a {@link PciConfigSpace}. Capabilities appear in the list in the order they are
 * added. Configuration mistakes (overlapping BARs, an MSI-X structure outside its BAR,
 * capabilities past 0x100) throw {@link IllegalArgumentException} from {@link #build()}.
 */
public final class PciConfigSpaceBuilder {
    final PciIdentity identity;
    final List<BarSpec> bars = new ArrayList<>();
    final List<Function<PciConfigSpace, PciCapability>> capabilities = new ArrayList<>();
    int interruptPin;
    boolean multiFunction;
    PciAddress preferredAddress;
    Runnable functionLevelReset;
    private boolean hasMsi;
    private boolean hasMsix;
    private boolean hasPcie;

    PciConfigSpaceBuilder(PciIdentity identity) {
        if (identity == null) {
            throw new IllegalArgumentException("pci config space: identity is required");
        }
        this.identity = identity;
    }

    /** INTA..INTD as 1..4; 0 (the default) for none. */
    public PciConfigSpaceBuilder interruptPin(int pin) {
        if (pin < 0 || pin > 4) {
            throw new IllegalArgumentException("pci config space: interrupt pin must be 0..4, got " + pin);
        }
        interruptPin = pin;
        return this;
    }

    /** Sets the multi-function bit of the header type (for function 0 of a multi-function device). */
    public PciConfigSpaceBuilder multiFunction(boolean value) {
        multiFunction = value;
        return this;
    }

    public PciConfigSpaceBuilder preferredAddress(PciAddress value) {
        preferredAddress = value;
        return this;
    }

    public PciConfigSpaceBuilder bar(BarSpec spec) {
        bars.add(spec);
        return this;
    }

    public PciConfigSpaceBuilder capability(PciCapability cap) {
        capabilities.add(space -> cap);
        return this;
    }

    public PciConfigSpaceBuilder msi(int vectors, boolean perVectorMask) {
        hasMsi = once(hasMsi, "msi");
        capabilities.add(space -> new MsiCapability(vectors, perVectorMask, space::sendMessage));
        return this;
    }

    public PciConfigSpaceBuilder msix(int vectors, int tableBar, long tableOffset, int pbaBar, long pbaOffset) {
        hasMsix = once(hasMsix, "msi-x");
        capabilities.add(space -> new MsixCapability(vectors, tableBar, tableOffset, pbaBar, pbaOffset,
                space::sendMessage));
        return this;
    }

    /** A PCIe endpoint capability without function-level reset. */
    public PciConfigSpaceBuilder pcieEndpoint() {
        return pcieEndpoint(null);
    }

    /**
     * A PCIe endpoint capability; with {@code onFunctionLevelReset} non-null the function
     * supports FLR: the config space resets itself, then runs it.
     */
    public PciConfigSpaceBuilder pcieEndpoint(Runnable onFunctionLevelReset) {
        hasPcie = once(hasPcie, "pcie");
        functionLevelReset = onFunctionLevelReset;
        capabilities.add(space -> new PcieCapability(onFunctionLevelReset == null ? null
                : space::functionLevelReset));
        return this;
    }

    public PciConfigSpace build() {
        return new PciConfigSpace(this);
    }

    private static boolean once(boolean already, String what) {
        if (already) {
            throw new IllegalArgumentException("pci config space: only one " + what + " capability");
        }
        return true;
    }
}
