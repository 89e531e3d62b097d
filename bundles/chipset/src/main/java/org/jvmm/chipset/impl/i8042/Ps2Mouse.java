package org.jvmm.chipset.impl.i8042;

import java.util.function.IntConsumer;

/**
 * A PS/2 mouse on the auxiliary port that answers psmouse's probe (reset, get id, status request,
 * rates and resolution) as a standard mouse that never moves.
 */
final class Ps2Mouse {
    static final int ACK = 0xFA, RESEND = 0xFE, SELF_TEST_OK = 0xAA, STANDARD_ID = 0x00;

    private int pendingArgumentOf = -1;
    private int sampleRate = 100;
    private int resolution = 2;
    private boolean reporting;

    void reset() {
        pendingArgumentOf = -1;
        sampleRate = 100;
        resolution = 2;
        reporting = false;
    }

    I8042State.Mouse state() {
        return new I8042State.Mouse(pendingArgumentOf, sampleRate, resolution, reporting);
    }

    void restore(I8042State.Mouse s) {
        pendingArgumentOf = s.pendingArgumentOf();
        sampleRate = s.sampleRate();
        resolution = s.resolution();
        reporting = s.reporting();
    }

    void write(int v, IntConsumer reply) {
        if (pendingArgumentOf >= 0) {
            if (pendingArgumentOf == 0xF3) {
                sampleRate = v;
            } else {
                resolution = v & 3;
            }
            pendingArgumentOf = -1;
            reply.accept(ACK);
            return;
        }
        switch (v) {
            case 0xFF -> {
                reset();
                reply.accept(ACK);
                reply.accept(SELF_TEST_OK);
                reply.accept(STANDARD_ID);
            }
            case 0xF2 -> {
                reply.accept(ACK);
                reply.accept(STANDARD_ID);
            }
            case 0xE9 -> {
                reply.accept(ACK);
                reply.accept(reporting ? 0x20 : 0x00);
                reply.accept(resolution);
                reply.accept(sampleRate);
            }
            case 0xEB -> {
                reply.accept(ACK);
                reply.accept(0x08);
                reply.accept(0x00);
                reply.accept(0x00);
            }
            case 0xE8, 0xF3 -> {
                pendingArgumentOf = v;
                reply.accept(ACK);
            }
            case 0xF4 -> {
                reporting = true;
                reply.accept(ACK);
            }
            case 0xF5 -> {
                reporting = false;
                reply.accept(ACK);
            }
            case 0xE6, 0xE7, 0xEA, 0xEC, 0xEE, 0xF0, 0xF6 -> reply.accept(ACK);
            default -> reply.accept(RESEND);
        }
    }

    boolean reporting() {
        return reporting;
    }
}
