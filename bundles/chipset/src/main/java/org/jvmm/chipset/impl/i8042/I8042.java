package org.jvmm.chipset.impl.i8042;

import java.util.ArrayDeque;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.inspect.InspectNode;

/**
 * The i8042 controller: status register, command byte, controller commands (self-test, port tests,
 * enable/disable, output port with the reset line and A20, loopback writes, writes to the mouse)
 * and one output queue shared by the keyboard (IRQ 1) and the mouse (IRQ 12). Commands complete
 * at once, so IBF is never seen set. A reset request is recorded for the caller to act on outside
 * the device lock. Not thread-safe.
 */
final class I8042 {
    static final int STATUS_OBF = 0x01, STATUS_SYS = 0x04, STATUS_CMD = 0x08, STATUS_UNLOCKED = 0x10,
            STATUS_AUX = 0x20;
    static final int CTR_KBD_INT = 0x01, CTR_AUX_INT = 0x02, CTR_SYS = 0x04, CTR_KBD_OFF = 0x10,
            CTR_AUX_OFF = 0x20, CTR_XLATE = 0x40;
    static final int OUT_RESET = 0x01, OUT_A20 = 0x02;
    static final int SELF_TEST_OK = 0x55, PORT_TEST_OK = 0x00;
    static final int QUEUE_LIMIT = 32;
    /** Marks a mouse byte in the output queue. */
    static final int AUX_FLAG = 0x100;

    private final LineInterrupt irq1;
    private final LineInterrupt irq12;
    private final Ps2Keyboard keyboard = new Ps2Keyboard();
    private final Ps2Mouse mouse = new Ps2Mouse();
    private final ArrayDeque<Integer> output = new ArrayDeque<>();
    private int commandByte;
    private int outputPort;
    private boolean sys;
    private boolean lastWriteWasCommand;
    private int pendingCommand = -1;
    private int lastRead;
    private boolean resetRequested;
    private boolean irq1Level;
    private boolean irq12Level;
    private long resets;

    I8042(LineInterrupt irq1, LineInterrupt irq12) {
        this.irq1 = irq1;
        this.irq12 = irq12;
        reset();
    }

    void reset() {
        keyboard.reset();
        mouse.reset();
        output.clear();
        commandByte = CTR_KBD_INT | CTR_AUX_INT;
        outputPort = OUT_RESET | OUT_A20;
        sys = false;
        lastWriteWasCommand = true;
        pendingCommand = -1;
        lastRead = 0;
        resetRequested = false;
        updateIrqs(false);
    }

    I8042State state() {
        return new I8042State(commandByte, outputPort, sys, lastWriteWasCommand, pendingCommand, lastRead,
                output.stream().mapToInt(Integer::intValue).toArray(), keyboard.state(), mouse.state());
    }

    /** Takes a saved state and drives IRQ 1/12 from its output queue. */
    void restore(I8042State s) {
        commandByte = s.commandByte();
        outputPort = s.outputPort();
        sys = s.sys();
        lastWriteWasCommand = s.lastWriteWasCommand();
        pendingCommand = s.pendingCommand();
        lastRead = s.lastRead();
        output.clear();
        for (int b : s.output()) {
            output.add(b);
        }
        keyboard.restore(s.keyboard());
        mouse.restore(s.mouse());
        resetRequested = false;
        updateIrqs(false);
    }

    int readStatus() {
        Integer head = output.peek();
        return (head == null ? 0 : STATUS_OBF | ((head & AUX_FLAG) != 0 ? STATUS_AUX : 0))
                | (sys ? STATUS_SYS : 0) | (lastWriteWasCommand ? STATUS_CMD : 0) | STATUS_UNLOCKED;
    }

    /** Reads the output buffer; the next queued byte (if any) raises its IRQ again. */
    int readData() {
        Integer head = output.poll();
        if (head != null) {
            lastRead = head & 0xFF;
        }
        updateIrqs(true);
        return lastRead;
    }

    void writeCommand(int cmd) {
        lastWriteWasCommand = true;
        pendingCommand = -1;
        switch (cmd) {
            case 0x20 -> reply(commandByte);
            case 0x60, 0xD1, 0xD2, 0xD3, 0xD4 -> pendingCommand = cmd;
            case 0xA7 -> commandByte |= CTR_AUX_OFF;
            case 0xA8 -> commandByte &= ~CTR_AUX_OFF;
            case 0xA9, 0xAB -> reply(PORT_TEST_OK);
            case 0xAA -> {
                sys = true;
                reply(SELF_TEST_OK);
            }
            case 0xAD -> commandByte |= CTR_KBD_OFF;
            case 0xAE -> commandByte &= ~CTR_KBD_OFF;
            case 0xC0 -> reply(0x80);
            case 0xD0 -> reply(outputPortValue());
            case 0xDD -> outputPort &= ~OUT_A20;
            case 0xDF -> outputPort |= OUT_A20;
            default -> {
                if (cmd >= 0xF0 && (cmd & OUT_RESET) == 0) {
                    requestReset(); // pulse output port bit 0 low: 0xFE, 0xFC, ...
                }
            }
        }
        updateIrqs(false);
    }

    void writeData(int v) {
        lastWriteWasCommand = false;
        int command = pendingCommand;
        pendingCommand = -1;
        switch (command) {
            case 0x60 -> {
                commandByte = v;
                sys = (v & CTR_SYS) != 0;
            }
            case 0xD1 -> writeOutputPort(v);
            case 0xD2 -> reply(v);
            case 0xD3 -> replyAux(v);
            case 0xD4 -> {
                commandByte &= ~CTR_AUX_OFF;
                mouse.write(v, this::replyAux);
            }
            default -> {
                commandByte &= ~CTR_KBD_OFF;
                keyboard.write(v, this::reply);
            }
        }
        updateIrqs(false);
    }

    /** True once after the guest asked for a reset; the caller performs it. */
    boolean takeResetRequest() {
        boolean r = resetRequested;
        resetRequested = false;
        return r;
    }

    boolean a20() {
        return (outputPort & OUT_A20) != 0;
    }

    private void writeOutputPort(int v) {
        outputPort = v & (OUT_RESET | OUT_A20);
        if ((v & OUT_RESET) == 0) {
            outputPort |= OUT_RESET;
            requestReset();
        }
    }

    private int outputPortValue() {
        Integer head = output.peek();
        int obf = head == null ? 0 : (head & AUX_FLAG) != 0 ? 0x20 : 0x10;
        return outputPort | obf;
    }

    private void requestReset() {
        resetRequested = true;
        resets++;
    }

    private void reply(int b) {
        enqueue(b & 0xFF);
    }

    private void replyAux(int b) {
        enqueue((b & 0xFF) | AUX_FLAG);
    }

    private void enqueue(int entry) {
        if (output.size() < QUEUE_LIMIT) {
            output.add(entry);
        }
    }

    /** Drives IRQ 1/12 from the head of the queue; {@code edge} lowers them first so a next byte is a new edge. */
    private void updateIrqs(boolean edge) {
        Integer head = output.peek();
        boolean kbd = head != null && (head & AUX_FLAG) == 0 && (commandByte & CTR_KBD_INT) != 0;
        boolean aux = head != null && (head & AUX_FLAG) != 0 && (commandByte & CTR_AUX_INT) != 0;
        if (edge) {
            setIrq1(false);
            setIrq12(false);
        }
        setIrq1(kbd);
        setIrq12(aux);
    }

    private void setIrq1(boolean level) {
        if (level != irq1Level) {
            irq1Level = level;
            irq1.setLevel(level);
        }
    }

    private void setIrq12(boolean level) {
        if (level != irq12Level) {
            irq12Level = level;
            irq12.setLevel(level);
        }
    }

    void inspect(InspectNode node) {
        node.hex("status", readStatus()).hex("command_byte", commandByte).hex("output_port", outputPortValue())
                .field("a20", a20()).field("queued", output.size())
                .field("pending_command", pendingCommand < 0 ? "none" : String.format("0x%02x", pendingCommand))
                .field("keyboard_enabled", keyboard.enabled()).field("keyboard_leds", keyboard.leds())
                .field("scan_code_set", keyboard.scanCodeSet()).field("mouse_reporting", mouse.reporting())
                .field("reset_requests", resets);
    }
}
