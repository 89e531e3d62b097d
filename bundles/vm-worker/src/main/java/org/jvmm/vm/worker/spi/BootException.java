package org.jvmm.vm.worker.spi;

/** The guest cannot be loaded; a one-line message naming the file or part that failed. */
public class BootException extends Exception {
    private static final long serialVersionUID = 1L;

    public BootException(String message) {
        super(message);
    }

    public BootException(String message, Throwable cause) {
        super(message, cause);
    }
}
