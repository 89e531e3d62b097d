package org.jvmm.vm.config;

/**
 * The VM's answers to guest power events. Defaults: a guest reset resets the VM, a guest power-off
 * stops it and jvmm exits 0, a triple fault stops it with the reason (like QEMU's
 * {@code -no-reboot}), so a crashing guest does not loop.
 *
 * @param onReset    a reset request (port 0xCF9, the keyboard controller, ACPI reset register)
 * @param onPowerOff ACPI S5 or a power-off from another device
 * @param onCrash    a triple fault
 */
public record GuestActions(GuestAction onReset, GuestAction onPowerOff, GuestAction onCrash) {
    public static final GuestActions DEFAULT = new GuestActions(GuestAction.RESET, GuestAction.EXIT, GuestAction.EXIT);

    public GuestActions {
        onReset = onReset == null ? GuestAction.RESET : onReset;
        onPowerOff = onPowerOff == null ? GuestAction.EXIT : onPowerOff;
        onCrash = onCrash == null ? GuestAction.EXIT : onCrash;
    }
}
