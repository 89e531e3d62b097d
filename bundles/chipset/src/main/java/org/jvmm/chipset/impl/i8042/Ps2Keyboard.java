package org.jvmm.chipset.impl.i8042;

import java.util.function.IntConsumer;

/**
 * A PS/2 keyboard that answers the commands Linux's atkbd sends while probing (reset, identify,
 * LEDs, scan code set, typematic, enable/disable, echo); it never produces key codes itself.
 */
final class Ps2Keyboard {
    static final int ACK = 0xFA, RESEND = 0xFE, SELF_TEST_OK = 0xAA, ECHO = 0xEE;

    private int pendingArgumentOf = -1;
    private int scanCodeSet = 2;
    private int leds;
    private boolean enabled = true;

    void reset() {
        pendingArgumentOf = -1;
        scanCodeSet = 2;
        leds = 0;
        enabled = true;
    }

    I8042State.Keyboard state() {
        return new I8042State.Keyboard(pendingArgumentOf, scanCodeSet, leds, enabled);
    }

    void restore(I8042State.Keyboard s) {
        pendingArgumentOf = s.pendingArgumentOf();
        scanCodeSet = s.scanCodeSet();
        leds = s.leds();
        enabled = s.enabled();
    }

    /** A byte from the host; the keyboard's answer goes to {@code reply}. */
    void write(int v, IntConsumer reply) {
        if (pendingArgumentOf >= 0) {
            argument(v, reply);
            return;
        }
        switch (v) {
            case 0xFF -> {
                reset();
                reply.accept(ACK);
                reply.accept(SELF_TEST_OK);
            }
            case 0xF2 -> {
                reply.accept(ACK);
                reply.accept(0xAB);
                reply.accept(0x83);
            }
            case 0xED, 0xF0, 0xF3 -> {
                pendingArgumentOf = v;
                reply.accept(ACK);
            }
            case 0xF4 -> {
                enabled = true;
                reply.accept(ACK);
            }
            case 0xF5 -> {
                enabled = false;
                reply.accept(ACK);
            }
            case 0xEE -> reply.accept(ECHO);
            case 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE -> reply.accept(ACK);
            default -> reply.accept(RESEND);
        }
    }

    private void argument(int v, IntConsumer reply) {
        int command = pendingArgumentOf;
        pendingArgumentOf = -1;
        reply.accept(ACK);
        if (command == 0xED) {
            leds = v & 7;
        } else if (command == 0xF0) {
            if (v == 0) {
                reply.accept(scanCodeSet);
            } else if (v <= 3) {
                scanCodeSet = v;
            }
        }
    }

    boolean enabled() {
        return enabled;
    }

    int leds() {
        return leds;
    }

    int scanCodeSet() {
        return scanCodeSet;
    }
}
