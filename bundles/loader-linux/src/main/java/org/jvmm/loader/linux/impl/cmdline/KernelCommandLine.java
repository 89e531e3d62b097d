package org.jvmm.loader.linux.impl.cmdline;

import java.nio.charset.StandardCharsets;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.loader.linux.impl.ImageException;

/**
 * The Linux command line, as OpenVMM builds it: {@code panic=-1} (a panic reboots, which ends
 * the VM or resets it), {@code console=ttyS0} when COM1 exists, then the user's options, which
 * come last so that they win.
 */
public final class KernelCommandLine {
    private KernelCommandLine() {
    }

    public static String linux(boolean com1, String user) {
        StringBuilder sb = new StringBuilder("panic=-1");
        if (com1) {
            sb.append(" console=ttyS0");
        }
        if (user != null && !user.isBlank()) {
            sb.append(' ').append(user.strip());
        }
        return sb.toString();
    }

    /**
     * Writes {@code cmdline} NUL-terminated at {@code gpa}.
     *
     * @param maxBytes the longest the kernel accepts, terminator included
     * @return the number of bytes written
     */
    public static int write(GuestMemory memory, long gpa, String cmdline, long maxBytes) throws ImageException {
        byte[] text = cmdline.getBytes(StandardCharsets.UTF_8);
        if (text.length + 1L > maxBytes) {
            throw new ImageException("command line is " + text.length + " bytes; the kernel accepts at most "
                    + (maxBytes - 1));
        }
        byte[] z = new byte[text.length + 1];
        System.arraycopy(text, 0, z, 0, text.length);
        memory.write(gpa, z, 0, z.length);
        return z.length;
    }
}
