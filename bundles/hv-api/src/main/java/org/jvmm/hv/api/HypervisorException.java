package org.jvmm.hv.api;

/** A backend failure at partition or processor set-up, naming the operation (and errno if native). */
public class HypervisorException extends Exception {
    private static final long serialVersionUID = 1L;

    public HypervisorException(String message) {
        super(message);
    }

    public HypervisorException(String message, Throwable cause) {
        super(message, cause);
    }
}
