package org.jvmm.vm.worker;

import org.jvmm.vmm.resource.ResourceHandle;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vmm.resource.Registration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Controls one VM. Lifecycle operations are serialised and synchronous: each returns when the VM
 * has reached the resulting state. An operation that the current state does not allow throws
 * {@link IllegalVmStateException} at once.
 *
 * <p>Guest-initiated events: a power-off (ACPI, PM port) stops the VM with the reason
 * {@code powered off}; a guest reset (port 0xCF9, keyboard controller) runs a reset cycle; a
 * triple fault stops the VM with the reason {@code triple fault on vp N: ...} instead of
 * resetting it (like QEMU's {@code -no-reboot}), so that a crashing guest does not loop; an
 * emulation failure or a backend error puts the VM in {@link VmState#FAILED} with the message as
 * {@link #stopReason()}.
 */
@ProviderType
public interface VmControl {
    /** Starts the processors: RUNNING, or PAUSED when the config asks to start paused. */
    void start();

    /** Stops every processor and the device poll loop; the VM clock stops. */
    void pause();

    void resume();

    /** Resets processors and devices and loads the guest again; a paused VM stays paused. */
    void reset();

    /** Terminal: joins the processor threads and releases the partition and guest memory. */
    void stop();

    /** Sends a non-maskable interrupt to processor {@code vp} (wakes it if it is halted). */
    void nmi(int vp);

    VmState state();

    /**
     * Why the VM is STOPPED or FAILED, or PAUSED because the provider of a device that cannot be
     * unplugged went away; empty otherwise.
     */
    Optional<String> stopReason();

    /**
     * The process exit status the guest asked for through a debug-exit device, once it has; the
     * VM is then STOPPED with the reason {@code guest exit status N}.
     */
    default OptionalInt guestExitStatus() {
        return OptionalInt.empty();
    }

    /**
     * Waits until the VM is {@link VmState#STOPPED}.
     *
     * @return true if it stopped within {@code timeout}; false on timeout or interruption
     */
    boolean awaitStopped(Duration timeout);

    /**
     * Reads guest RAM.
     *
     * @throws IllegalArgumentException when {@code [gpa, gpa + len)} is not entirely guest RAM
     * @throws IllegalVmStateException  when the VM is stopped
     */
    byte[] readMemory(long gpa, int len);

    /** Writes guest RAM; errors as for {@link #readMemory}. */
    void writeMemory(long gpa, byte[] data);

    /**
     * Hot-adds a PCI function behind the PCIe port {@code port} (a root or switch downstream port
     * with hot-plug): {@code device} is a {@code pci_device_handle}, or a {@code virtio} handle that
     * goes behind a virtio-pci transport. The guest sees it arrive through PCIe native hot-plug.
     *
     * @return the function's PCI address, e.g. {@code 01:00.0}
     * @throws IllegalArgumentException naming what is wrong (no such port, port occupied, no
     *                                  hot-plug, the handle does not resolve)
     * @throws IllegalVmStateException  when the VM is stopped or failed
     */
    default String addPciDevice(String port, ResourceHandle device) {
        throw new UnsupportedOperationException("PCI hot-plug is not supported by this VM");
    }

    /**
     * Hot-removes the function behind {@code port} in order: the slot's attention button is pressed,
     * the guest releases the device and powers the slot off (Linux: about 6 s), then it is removed;
     * a guest that does not answer within 15 s gets a surprise removal. Blocks until the device is
     * gone.
     *
     * @throws IllegalArgumentException when nothing hot-added is behind {@code port}
     */
    default void removePciDevice(String port) {
        throw new UnsupportedOperationException("PCI hot-plug is not supported by this VM");
    }

    /**
     * The VM's devices (chipset and PCI) that implement {@code type}, in the order they were added:
     * how shell commands reach a device's own runtime API (an NVMe controller's namespaces).
     */
    default <T> java.util.List<T> devices(Class<T> type) {
        return java.util.List.of();
    }

    /**
     * Every resolved resource of the VM's device graph (devices and the sub-resources they pulled),
     * with its provider bundle and state, in the order they were resolved; hot-added devices last.
     * A device whose provider bundle went away is {@link VmDevice.State#REMOVED} (hot-pluggable:
     * it was hot-removed and comes back with its provider) or
     * {@link VmDevice.State#WAITING_FOR_PROVIDER} (the VM is paused until the provider returns).
     */
    default java.util.List<VmDevice> listDevices() {
        return java.util.List.of();
    }

    /** The latest messages about devices whose providers went away or came back, oldest first. */
    default java.util.List<String> deviceEvents() {
        return java.util.List.of();
    }

    /**
     * Resolves {@code handle} through the VM's registry with the VM's inputs (guest memory, chipset
     * services), e.g. a disk for a namespace added at run time. The caller owns the result.
     *
     * @throws IllegalArgumentException with the registry's message when it does not resolve
     */
    default <T> T resolve(ResourceHandle handle, Class<T> type) {
        throw new UnsupportedOperationException("run-time resolution is not supported by this VM");
    }

    /**
     * OpenVMM's {@code save-snapshot}: pauses the VM (it stays paused), saves every state unit (each
     * processor, the partition, each chipset device) and guest RAM, and writes {@code manifest.json},
     * {@code state.json} and {@code memory.bin} to {@code dir}.
     *
     * @throws SnapshotException naming the device or processor that cannot be saved, or the I/O error
     */
    default void saveSnapshot(java.nio.file.Path dir) throws SnapshotException {
        throw new SnapshotException("snapshots are not supported by this VM");
    }

    /**
     * Restores a snapshot into this VM, which must be {@link VmState#CREATED} from the same device
     * options; {@link #start()} then continues where the snapshot was taken. The manifest is checked
     * first (format version, architecture, memory size, processor count) with an error for each mismatch.
     */
    default void restoreSnapshot(java.nio.file.Path dir) throws SnapshotException {
        throw new SnapshotException("snapshots are not supported by this VM");
    }

    /**
     * OpenVMM's {@code pulse-save-restore}: pauses, saves every state unit (processors, partition,
     * devices) and restores each into the same device or processor at once, then resumes a VM that
     * was running. It proves every unit can read what it writes, without touching RAM.
     *
     * @throws SnapshotException naming the first unit that cannot be saved or restored
     */
    default void pulseSaveRestore() throws SnapshotException {
        throw new SnapshotException("state units are not supported by this VM");
    }

    /**
     * OpenVMM's {@code restart} of the VM worker, in this process: pauses, saves every state unit,
     * closes the processors, partition and devices, resolves and builds them again through the
     * registry as it is now (so updated or replaced hypervisor, chipset and device bundles take
     * over) around the same guest RAM, re-adds devices hot-added at run time, restores every unit,
     * and resumes a VM that was running. The guest goes on where it was.
     *
     * @throws SnapshotException when a unit cannot be saved or a device's provider is away (the VM is
     *                           left as it was), or when building or restoring failed (the VM is then
     *                           FAILED and the message names a snapshot folder holding its state)
     */
    default void restart() throws SnapshotException {
        throw new SnapshotException("restarting the worker is not supported by this VM");
    }

    /**
     * OpenVMM's {@code clear-halt}: resumes a VM that the guest halted (a halt guest action after a
     * triple fault, reset or power-off request, or a debug exit with no debugger).
     *
     * @throws IllegalStateException when the VM is not paused by such a halt
     */
    default void clearHalt() {
        throw new UnsupportedOperationException("clear-halt is not supported by this VM");
    }

    /** A fresh inspect tree of the whole VM. */
    InspectNode inspect();

    /** The value or subtree at a slash-separated {@code path} ({@code vp/0}, {@code hypervisor/chosen}). */
    Optional<Object> inspect(String path);

    VmConfig config();

    /** Tells {@code listener} about each later state change (on the thread that made it). */
    Registration addStateListener(Consumer<VmState> listener);
}
