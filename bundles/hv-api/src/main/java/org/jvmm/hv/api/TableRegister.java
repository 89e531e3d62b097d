package org.jvmm.hv.api;

/** GDTR or IDTR. */
public record TableRegister(long base, int limit) {
}
