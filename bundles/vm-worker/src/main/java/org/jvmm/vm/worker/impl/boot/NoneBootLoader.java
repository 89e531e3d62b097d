package org.jvmm.vm.worker.impl.boot;

import org.jvmm.vm.worker.spi.BootContext;
import org.jvmm.vm.worker.spi.BootLoader;

/**
 * {@code load_mode:none}: loads nothing. The processors keep their power-on state, so the
 * bootstrap processor starts at the reset vector (CS base 0xFFFF0000, IP 0xFFF0) with whatever
 * devices or the test put in memory.
 */
public final class NoneBootLoader implements BootLoader {
    @Override
    public void load(BootContext ctx) {
        ctx.publish("none", node -> node.field("entry", "reset vector"));
    }
}
