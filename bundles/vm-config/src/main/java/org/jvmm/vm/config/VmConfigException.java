package org.jvmm.vm.config;

/** A config that cannot be read or violates an invariant; the message is one line. */
public class VmConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public VmConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
