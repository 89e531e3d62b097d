package org.jvmm.shell.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvmm.vm.worker.VmDevice;

/**
 * What {@code vm:devices} shows: one line per resolved handle (config path, {@code kind:id},
 * providing bundle, place, whether it can be hot-unplugged, state), then why the VM is paused for
 * a device, and the latest hot-swap messages.
 */
public record DeviceListing(List<VmDevice> devices, Optional<String> pausedFor, List<String> events) {
    private static final String[] HEADER = {"PATH", "KIND:ID", "BUNDLE", "PLACE", "HOTPLUG", "STATE"};

    public DeviceListing {
        devices = List.copyOf(devices);
        events = List.copyOf(events);
    }

    @Override
    public String toString() {
        if (devices.isEmpty()) {
            return "the VM has no devices";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (VmDevice d : devices) {
            rows.add(new String[] {d.path(), d.key(), d.bundle(), d.place(), d.hotPluggable() ? "yes" : "no",
                d.state().label() + (d.note().isEmpty() || d.path().contains(".") ? "" : " (" + d.note() + ")")});
        }
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            sb.append('\n');
        }
        pausedFor.ifPresent(p -> sb.append("VM paused: ").append(p).append('\n'));
        if (!events.isEmpty()) {
            sb.append("hot-swap:\n");
            events.forEach(e -> sb.append("  ").append(e).append('\n'));
        }
        return sb.substring(0, sb.length() - 1);
    }
}
