package org.jvmm.hv.api;

import java.util.Objects;

/**
 * Whether a backend is usable here. {@code reason} explains an unusable backend
 * ("/dev/kvm: No such file or directory", "host CPU has no vmx/svm (software kvm_pvm)").
 * {@code forceable} says the backend may still be chosen explicitly despite the reason.
 */
public record Probe(boolean usable, boolean forceable, String reason) {
    public Probe {
        Objects.requireNonNull(reason, "reason");
    }

    public static Probe usable(String detail) {
        return new Probe(true, true, detail);
    }

    public static Probe unusable(String reason) {
        return new Probe(false, false, reason);
    }

    /** Not chosen automatically, but works when forced (e.g. a software KVM). */
    public static Probe forceOnly(String reason) {
        return new Probe(false, true, reason);
    }
}
