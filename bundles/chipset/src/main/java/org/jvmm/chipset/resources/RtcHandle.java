package org.jvmm.chipset.resources;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The MC146818 real-time clock and CMOS RAM at ports 0x70/0x71, raising ISA IRQ 8. The CMOS holds
 * the memory-size bytes of the guest memory layout.
 *
 * @param startTime the UTC time the clock shows at VM start, ISO-8601 ({@code 2024-01-01T00:00:00Z}),
 *                  or null for the host's current time
 */
@HandleType(kind = "chipset_device_handle", id = "rtc")
public record RtcHandle(String startTime) implements ResourceHandle {
    public RtcHandle {
        if (startTime != null) {
            try {
                Instant.parse(startTime);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("chipset_device_handle:rtc: startTime must be an ISO-8601 instant"
                        + " such as 2024-01-01T00:00:00Z, got " + startTime, e);
            }
        }
    }

    /** The clock follows the host's time. */
    public static RtcHandle hostTime() {
        return new RtcHandle(null);
    }
}
