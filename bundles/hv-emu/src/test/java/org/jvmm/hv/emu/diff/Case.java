package org.jvmm.hv.emu.diff;

/**
 * One generated test: the snippet run natively and (possibly differently encoded, see TZCNT) in the
 * emulator, the input registers, the scratch memory image both start from, and which RFLAGS bits
 * the snippet defines.
 */
record Case(String form, byte[] nativeCode, byte[] emuCode, State in, byte[] image, int flagMask) {
}
