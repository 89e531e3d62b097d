package org.jvmm.chipset.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** MMIO of a device. {@code size} is 1, 2, 4 or 8; {@code address} is guest-physical. */
@ConsumerType
public interface MmioIntercept {
    /** The static MMIO ranges this device claims (dynamic ones go through {@link MmioMapper}). */
    List<MmioRange> mmioRanges();

    IoResult mmioRead(long address, int size, IoValue out);

    IoResult mmioWrite(long address, int size, long value);
}
