package org.jvmm.loader.linux.impl;

/**
 * A kernel or initrd cannot be loaded as it is (bad format, does not fit in RAM). The message is
 * one line without the file name; the loader prefixes it.
 */
public final class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
