package org.jvmm.chipset.impl.rtc;

import java.time.Instant;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.RtcHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:rtc}: the RTC on ISA IRQ 8 with the guest memory layout in CMOS. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=rtc"})
public final class RtcResolver implements ResourceResolver<RtcHandle, ChipsetDevice> {
    static final int IRQ = 8;

    @Override
    public Class<RtcHandle> handleType() {
        return RtcHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(RtcHandle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ChipsetResolveInputs.services(ctx, "rtc");
        Instant start = handle.startTime() == null ? Instant.now() : Instant.parse(handle.startTime());
        long startNanos;
        try {
            startNanos = Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000_000L), start.getNano());
        } catch (ArithmeticException e) {
            throw ResolveException.failed("chipset_device_handle", "rtc", ctx.path(),
                    "startTime " + start + " is outside 1677..2262");
        }
        RtcDevice device = new RtcDevice(services.lineInterrupt(IRQ), services.clock(), services.memory().layout(),
                startNanos);
        device.setWaker(services.waker(device));
        return device;
    }
}
