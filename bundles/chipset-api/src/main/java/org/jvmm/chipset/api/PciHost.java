package org.jvmm.chipset.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A PCI(e) host bridge that PCI functions are attached to (offered by its chipset device through
 * {@link ChipsetDevice#pciHost()}). The VM worker adds each {@code pci_device_handle} device to the
 * chipset (for polling, reset and inspection) and then attaches it here.
 *
 * <p>Before the guest first touches PCI configuration space (and again after a VM reset) the host
 * acts as firmware: it assigns bus numbers, bridge windows and BAR addresses to everything
 * attached, with decoding enabled, so the guest keeps them. After that, attaching and detaching
 * are hot-plug events: only on ports with native hot-plug, where the guest sees presence detect
 * and data-link-layer state change and gets a hot-plug interrupt, and assigns the BARs itself.
 * Removal is either a surprise ({@link #detach}) or orderly ({@link #requestDetach}: attention
 * button, the guest powers the slot off, then the device leaves). Thread-safe.
 */
@ProviderType
public interface PciHost {
    /** What the ACPI tables must describe. */
    PciHostInfo info();

    /** The ports functions can be attached behind. */
    List<PciPortInfo> ports();

    /**
     * Attaches {@code device} (which must offer {@link ChipsetDevice#pciConfig()}) and calls its
     * {@link PciConfigIntercept#pciAttached}. Attach a device in its power-on state.
     *
     * @return its address (bus numbers as assigned now; the guest may renumber buses later)
     * @throws PciAttachException if the placement is unknown, occupied or full, if the device is
     *                            already attached or has no PCI config space, or if the guest is
     *                            running and the place has no hot-plug
     */
    PciAddress attach(PciPlacement placement, ChipsetDevice device) throws PciAttachException;

    /**
     * Removes {@code device}: it disappears from configuration space at once, its BARs are
     * unmapped and its INTx deasserted. On a hot-plug port the guest is told (a surprise removal:
     * presence and link lost). Elsewhere the guest is not told, so detach there only when the
     * device is gone anyway (its provider went away).
     *
     * @throws PciAttachException if {@code device} is not attached here
     */
    void detach(ChipsetDevice device) throws PciAttachException;

    /**
     * Asks the guest to let go of {@code device}, as a user pressing the slot's attention button
     * would: the guest stops using the function (unbinds its driver) while it still works, then
     * turns the slot's power off, and only then does the device leave (presence and link lost, as
     * in {@link #detach}). If the guest has not done so within {@code timeout}, the device is
     * removed anyway (a surprise removal). Where the guest cannot be asked (the guest has not
     * started, or the slot is already powered off) the device leaves at once. Asking again while a
     * request is pending returns a future for the same removal; {@link #detach} and a VM reset
     * end a pending request with the device gone.
     *
     * <p>The default, for hosts without an attention button, is {@link #detach}.
     *
     * @return completed (normally, never on a VP thread) once the device is gone
     * @throws PciAttachException if {@code device} is not attached here, or is attached where
     *                            the guest has no hot-plug (use {@link #detach} there)
     */
    default CompletableFuture<Void> requestDetach(ChipsetDevice device, Duration timeout) throws PciAttachException {
        detach(device);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A port: {@code name} as configured, whether it has native hot-plug, and the address of the
     * function attached behind it, if any ({@code null} when empty or when a switch sits there).
     */
    record PciPortInfo(String name, boolean hotPlug, PciAddress occupant) {
    }
}
