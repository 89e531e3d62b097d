package org.jvmm.hv.whp.impl.emulate;

/**
 * Decodes the x86 instructions that touch MMIO or do string I/O in practice: MOV (all memory forms,
 * moffs, immediate), MOVZX/MOVSX, MOVNTI, the ALU operations with a memory operand (ADD OR ADC SBB AND
 * SUB XOR CMP, register and immediate forms), TEST, XCHG, and MOVS/STOS/LODS/INS/OUTS with REP.
 * Only lengths, operand sizes and register/immediate operands matter: the memory operand's address comes
 * from the exit (its guest-physical address) or from RSI/RDI for string instructions.
 */
public final class Decoder {
    private static final int MAX_LENGTH = 15;

    private Decoder() {
    }

    /** Thrown for an instruction this decoder does not handle, or bytes that end too early. */
    public static final class DecodeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean truncated;

        DecodeException(String message, boolean truncated) {
            super(message);
            this.truncated = truncated;
        }

        /** The bytes ended before the instruction did: fetching more may help. */
        public boolean truncated() {
            return truncated;
        }
    }

    public static Instruction decode(byte[] code, CpuMode mode) throws DecodeException {
        Cursor c = new Cursor(code);
        boolean opsize = false;
        boolean addrsize = false;
        boolean rep = false;
        int segment = -1;
        int rex = 0;
        int b;
        while (true) {
            b = c.next();
            int seg = segmentPrefix(b);
            if (seg >= 0) {
                segment = seg;
            } else if (b == 0x66) {
                opsize = true;
            } else if (b == 0x67) {
                addrsize = true;
            } else if (b == 0xF2 || b == 0xF3) {
                rep = true;
            } else if (b != 0xF0) {
                break;
            }
        }
        if (mode == CpuMode.BITS64 && (b & 0xF0) == 0x40) {
            rex = b;
            b = c.next();
        }
        int opcode = b == 0x0F ? 0x0F00 | c.next() : b;
        int operandSize = operandSize(mode, opsize, (rex & 8) != 0);
        int addressSize = addressSize(mode, addrsize);
        return operands(c, mode, opcode, rex, operandSize, addressSize, segment, rep);
    }

    private static Instruction operands(Cursor c, CpuMode mode, int opcode, int rex, int operandSize,
            int addressSize, int segment, boolean rep) throws DecodeException {
        Form form = Form.of(opcode, mode);
        if (form == null) {
            throw new DecodeException("opcode " + hex(opcode) + " is not emulated", false);
        }
        int size = form.byteOperand() ? 1 : operandSize;
        int reg = -1;
        if (form.modrm()) {
            int modrm = c.next();
            if (modrm >> 6 == 3) {
                throw new DecodeException("opcode " + hex(opcode) + " with a register operand has no memory access",
                        false);
            }
            reg = ((modrm >> 3) & 7) | ((rex & 4) << 1);
            if (!form.hasExtension(opcode, reg & 7)) {
                throw new DecodeException("opcode " + hex(opcode) + " /" + (reg & 7) + " is not emulated", false);
            }
            skipAddress(c, modrm, addressSize);
        }
        long immediate = switch (form.immediate()) {
            case NONE -> 0;
            case BYTE -> (byte) c.next();
            case FULL -> c.signed(Math.min(size, 4));
            case MOFFS -> c.signed(addressSize);
        };
        if (form.immediate() == Form.Imm.MOFFS && addressSize < 8) {
            immediate &= addressSize == 4 ? 0xFFFF_FFFFL : 0xFFFFL;
        }
        if (c.position() > MAX_LENGTH) {
            throw new DecodeException("instruction longer than 15 bytes", false);
        }
        return new Instruction(c.position(), opcode, reg, rex != 0, size, addressSize, segment, rep, immediate);
    }

    private static void skipAddress(Cursor c, int modrm, int addressSize) throws DecodeException {
        int mod = modrm >> 6;
        int rm = modrm & 7;
        if (addressSize == 2) {
            int disp = mod == 1 ? 1 : mod == 2 || (mod == 0 && rm == 6) ? 2 : 0;
            c.skip(disp);
            return;
        }
        int disp = mod == 1 ? 1 : mod == 2 ? 4 : 0;
        if (rm == 4) {
            int sib = c.next();
            if (mod == 0 && (sib & 7) == 5) {
                disp = 4;
            }
        } else if (mod == 0 && rm == 5) {
            disp = 4;
        }
        c.skip(disp);
    }

    private static int segmentPrefix(int b) {
        return switch (b) {
            case 0x26 -> EmulatorCpu.ES;
            case 0x2E -> EmulatorCpu.CS;
            case 0x36 -> EmulatorCpu.SS;
            case 0x3E -> EmulatorCpu.DS;
            case 0x64 -> EmulatorCpu.FS;
            case 0x65 -> EmulatorCpu.GS;
            default -> -1;
        };
    }

    private static int operandSize(CpuMode mode, boolean opsize, boolean rexW) {
        if (rexW) {
            return 8;
        }
        int size = mode.defaultOperandSize();
        return opsize ? (size == 2 ? 4 : 2) : size;
    }

    private static int addressSize(CpuMode mode, boolean addrsize) {
        return switch (mode) {
            case BITS64 -> addrsize ? 4 : 8;
            case BITS32 -> addrsize ? 2 : 4;
            case BITS16 -> addrsize ? 4 : 2;
        };
    }

    static String hex(int opcode) {
        return opcode > 0xFF ? String.format("0f %02x", opcode & 0xFF) : String.format("%02x", opcode);
    }

    /** Reads instruction bytes, failing as "truncated" past the end. */
    private static final class Cursor {
        private final byte[] code;
        private int pos;

        Cursor(byte[] code) {
            this.code = code;
        }

        int next() throws DecodeException {
            if (pos >= code.length) {
                throw new DecodeException("instruction bytes end after " + code.length, true);
            }
            return code[pos++] & 0xFF;
        }

        void skip(int n) throws DecodeException {
            for (int i = 0; i < n; i++) {
                next();
            }
        }

        long signed(int size) throws DecodeException {
            long v = 0;
            for (int i = 0; i < size; i++) {
                v |= (long) next() << (8 * i);
            }
            int shift = 64 - 8 * size;
            return v << shift >> shift;
        }

        int position() {
            return pos;
        }
    }
}
