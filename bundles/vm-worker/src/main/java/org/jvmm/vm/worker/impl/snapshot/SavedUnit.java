package org.jvmm.vm.worker.impl.snapshot;

/**
 * One entry of {@code state.json}: the {@code owner} it belongs to ({@code vp/0}, {@code partition},
 * {@code device/com1}), the unit's stable format name and version, and its bytes (base64 in JSON).
 */
public record SavedUnit(String owner, String unit, int version, byte[] data) {
}
