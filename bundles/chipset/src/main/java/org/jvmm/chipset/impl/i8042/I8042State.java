package org.jvmm.chipset.impl.i8042;

import static org.jvmm.chipset.impl.SavedFields.readInt;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The i8042's saved state: command byte, output port (reset line and A20), system flag, the
 * command/data flag of the last write, a command waiting for its data byte, the last byte read,
 * the output queue (bit 8 marks mouse bytes) and both PS/2 devices.
 */
record I8042State(int commandByte, int outputPort, boolean sys, boolean lastWriteWasCommand, int pendingCommand,
        int lastRead, int[] output, Keyboard keyboard, Mouse mouse) {

    /** The keyboard: a command waiting for its argument, scan code set, LEDs and scanning. */
    record Keyboard(int pendingArgumentOf, int scanCodeSet, int leds, boolean enabled) {
        void write(DataOutputStream out) throws IOException {
            out.writeInt(pendingArgumentOf);
            out.writeInt(scanCodeSet);
            out.writeInt(leds);
            out.writeBoolean(enabled);
        }

        static Keyboard read(DataInputStream in) throws IOException {
            return new Keyboard(readInt(in, "keyboard command", -1, 0xFF), readInt(in, "scan code set", 1, 3),
                    readInt(in, "keyboard LEDs", 0, 7), in.readBoolean());
        }
    }

    /** The mouse: a command waiting for its argument, sample rate, resolution and reporting. */
    record Mouse(int pendingArgumentOf, int sampleRate, int resolution, boolean reporting) {
        void write(DataOutputStream out) throws IOException {
            out.writeInt(pendingArgumentOf);
            out.writeInt(sampleRate);
            out.writeInt(resolution);
            out.writeBoolean(reporting);
        }

        static Mouse read(DataInputStream in) throws IOException {
            return new Mouse(readInt(in, "mouse command", -1, 0xFF), readInt(in, "mouse sample rate", 0, 0xFF),
                    readInt(in, "mouse resolution", 0, 3), in.readBoolean());
        }
    }

    void write(DataOutputStream out) throws IOException {
        for (int v : new int[] {commandByte, outputPort, pendingCommand, lastRead, output.length}) {
            out.writeInt(v);
        }
        for (int b : output) {
            out.writeInt(b);
        }
        out.writeBoolean(sys);
        out.writeBoolean(lastWriteWasCommand);
        keyboard.write(out);
        mouse.write(out);
    }

    static I8042State read(DataInputStream in) throws IOException {
        int commandByte = readInt(in, "command byte", 0, 0xFF);
        int outputPort = readInt(in, "output port", 0, I8042.OUT_RESET | I8042.OUT_A20);
        int pendingCommand = readInt(in, "pending command", -1, 0xFF);
        int lastRead = readInt(in, "last byte read", 0, 0xFF);
        int[] output = new int[readInt(in, "output queue length", 0, I8042.QUEUE_LIMIT)];
        for (int i = 0; i < output.length; i++) {
            output[i] = readInt(in, "output byte", 0, I8042.AUX_FLAG | 0xFF);
        }
        boolean sys = in.readBoolean();
        boolean lastWriteWasCommand = in.readBoolean();
        return new I8042State(commandByte, outputPort, sys, lastWriteWasCommand, pendingCommand, lastRead, output,
                Keyboard.read(in), Mouse.read(in));
    }
}
