package org.jvmm.hv.emu.impl.cpu.decode;

/**
 * Internal operation numbers: the interpreter switches on these. Names starting with F_ are fast
 * variants the {@link Specializer} picks for common register-sized forms in 64-bit code.
 */
public final class Op {

    /**
     * #UD. {@link Insn#ext} is 1 for the encodings meant to raise it (UD0, UD1, UD2), 0 where the
     * decoder did not recognise the bytes (invalid, or not implemented here).
     */
    public static final int UD = 0;
    public static final int GP_LONG = 1;
    public static final int NOP = 2;
    public static final int ALU_RM_R = 3;
    public static final int ALU_R_RM = 4;
    public static final int ALU_RM_I = 5;
    public static final int TEST_RM_R = 6;
    public static final int TEST_RM_I = 7;
    public static final int INC = 8;
    public static final int DEC = 9;
    public static final int NOT = 10;
    public static final int NEG = 11;
    public static final int MUL = 12;
    public static final int IMUL1 = 13;
    public static final int DIV = 14;
    public static final int IDIV = 15;
    public static final int IMUL_R_RM = 16;
    public static final int IMUL_R_RM_I = 17;
    public static final int SHIFT_I = 18;
    public static final int SHIFT_CL = 19;
    public static final int SHLD_I = 20;
    public static final int SHLD_CL = 21;
    public static final int SHRD_I = 22;
    public static final int SHRD_CL = 23;
    public static final int BT_RM_R = 24;
    public static final int BT_RM_I = 25;
    public static final int BSF = 26;
    public static final int BSR = 27;
    public static final int TZCNT = 28;
    public static final int LZCNT = 29;
    public static final int POPCNT = 30;
    public static final int XADD = 31;
    public static final int CMPXCHG = 32;
    public static final int CMPXCHG8B = 33;
    public static final int MOV_RM_R = 34;
    public static final int MOV_R_RM = 35;
    public static final int MOV_RM_I = 36;
    public static final int MOV_R_I = 37;
    public static final int MOV_RM_SREG = 38;
    public static final int MOV_SREG_RM = 39;
    public static final int MOVZX = 40;
    public static final int MOVSX = 41;
    public static final int LEA = 42;
    public static final int XCHG_RM_R = 43;
    public static final int CBW = 44;
    public static final int CWD = 45;
    public static final int BSWAP = 46;
    public static final int XLAT = 47;
    public static final int CMOV = 48;
    public static final int SETCC = 49;
    public static final int LAHF = 50;
    public static final int SAHF = 51;
    public static final int PUSH_R = 52;
    public static final int POP_R = 53;
    public static final int PUSH_I = 54;
    public static final int PUSH_RM = 55;
    public static final int POP_RM = 56;
    public static final int PUSH_SREG = 57;
    public static final int POP_SREG = 58;
    public static final int PUSHF = 59;
    public static final int POPF = 60;
    public static final int PUSHA = 61;
    public static final int POPA = 62;
    public static final int ENTER = 63;
    public static final int LEAVE = 64;
    public static final int JCC = 65;
    public static final int JMP_REL = 66;
    public static final int JMP_RM = 67;
    public static final int CALL_REL = 68;
    public static final int CALL_RM = 69;
    public static final int RET = 70;
    public static final int RETF = 71;
    public static final int JMP_FAR = 72;
    public static final int CALL_FAR = 73;
    public static final int JMP_FAR_M = 74;
    public static final int CALL_FAR_M = 75;
    public static final int IRET = 76;
    public static final int LOOP = 77;
    public static final int INT = 78;
    public static final int INT3 = 79;
    public static final int INTO = 80;
    public static final int INT1 = 81;
    public static final int HLT = 82;
    public static final int MOVS = 83;
    public static final int CMPS = 84;
    public static final int STOS = 85;
    public static final int LODS = 86;
    public static final int SCAS = 87;
    public static final int INS = 88;
    public static final int OUTS = 89;
    public static final int CLC = 90;
    public static final int STC = 91;
    public static final int CMC = 92;
    public static final int CLD = 93;
    public static final int STD = 94;
    public static final int CLI = 95;
    public static final int STI = 96;
    public static final int IN_I = 97;
    public static final int OUT_I = 98;
    public static final int IN_DX = 99;
    public static final int OUT_DX = 100;
    public static final int PAUSE = 101;
    public static final int CPUID = 102;
    public static final int RDTSC = 103;
    public static final int RDTSCP = 104;
    public static final int RDMSR = 105;
    public static final int WRMSR = 106;
    public static final int RDPMC = 107;
    public static final int FENCE = 108;
    public static final int SLDT = 109;
    public static final int STR = 110;
    public static final int LLDT = 111;
    public static final int LTR = 112;
    public static final int VERR = 113;
    public static final int VERW = 114;
    public static final int SGDT = 115;
    public static final int SIDT = 116;
    public static final int LGDT = 117;
    public static final int LIDT = 118;
    public static final int SMSW = 119;
    public static final int LMSW = 120;
    public static final int INVLPG = 121;
    public static final int SWAPGS = 122;
    public static final int LAR = 123;
    public static final int LSL = 124;
    public static final int SYSCALL = 125;
    public static final int SYSRET = 126;
    public static final int SYSENTER = 127;
    public static final int SYSEXIT = 128;
    public static final int CLTS = 129;
    public static final int WBINVD = 130;
    public static final int MOV_R_CR = 131;
    public static final int MOV_CR_R = 132;
    public static final int MOV_R_DR = 133;
    public static final int MOV_DR_R = 134;
    public static final int LSEG = 135;
    public static final int XGETBV = 136;
    public static final int MONITOR = 137;
    public static final int MWAIT = 138;
    public static final int DAA = 139;
    public static final int DAS = 140;
    public static final int AAA = 141;
    public static final int AAS = 142;
    public static final int AAM = 143;
    public static final int AAD = 144;
    public static final int SALC = 145;
    public static final int ARPL = 146;
    public static final int X87 = 147;
    public static final int FWAIT = 148;
    public static final int SSE = 149;
    public static final int FXSAVE = 150;
    public static final int FXRSTOR = 151;
    public static final int LDMXCSR = 152;
    public static final int STMXCSR = 153;
    public static final int F_MOV64_RR = 154;
    public static final int F_MOV32_RR = 155;
    public static final int F_LOAD64 = 156;
    public static final int F_LOAD32 = 157;
    public static final int F_STORE64 = 158;
    public static final int F_STORE32 = 159;
    public static final int F_ALU64_RR = 160;
    public static final int F_ALU32_RR = 161;
    public static final int F_ALU64_RI = 162;
    public static final int F_ALU32_RI = 163;
    public static final int F_ALU64_RM = 164;
    public static final int F_ALU32_RM = 165;
    public static final int F_SHIFT64_RI = 166;
    public static final int F_SHIFT32_RI = 167;
    public static final int F_IMUL64_RR = 168;
    public static final int F_LEA64 = 169;
    public static final int F_PUSH64 = 170;
    public static final int F_POP64 = 171;
    public static final int F_CALL64 = 172;
    public static final int F_RET64 = 173;
    public static final int F_MOVZXB32 = 174;
    public static final int F_MOVSXD64 = 175;
    public static final int F_INCDEC64 = 176;
    public static final int F_INCDEC32 = 177;
    public static final int F_SETCC_R = 178;
    public static final int F_CMOV64_RR = 179;
    public static final int F_CMOV32_RR = 180;
    /** RDRAND (ext 0) and RDSEED (ext 1) to the register in rm. */
    public static final int RDRAND = 181;
    /** Number of operations. */
    public static final int COUNT = 182;

    private static final String[] NAMES = {
        "UD", "GP_LONG", "NOP", "ALU_RM_R", "ALU_R_RM", "ALU_RM_I", "TEST_RM_R", "TEST_RM_I", "INC", "DEC",
        "NOT", "NEG", "MUL", "IMUL1", "DIV", "IDIV", "IMUL_R_RM", "IMUL_R_RM_I", "SHIFT_I", "SHIFT_CL",
        "SHLD_I", "SHLD_CL", "SHRD_I", "SHRD_CL", "BT_RM_R", "BT_RM_I", "BSF", "BSR", "TZCNT", "LZCNT",
        "POPCNT", "XADD", "CMPXCHG", "CMPXCHG8B", "MOV_RM_R", "MOV_R_RM", "MOV_RM_I", "MOV_R_I",
        "MOV_RM_SREG", "MOV_SREG_RM", "MOVZX", "MOVSX", "LEA", "XCHG_RM_R", "CBW", "CWD", "BSWAP", "XLAT",
        "CMOV", "SETCC", "LAHF", "SAHF", "PUSH_R", "POP_R", "PUSH_I", "PUSH_RM", "POP_RM", "PUSH_SREG",
        "POP_SREG", "PUSHF", "POPF", "PUSHA", "POPA", "ENTER", "LEAVE", "JCC", "JMP_REL", "JMP_RM",
        "CALL_REL", "CALL_RM", "RET", "RETF", "JMP_FAR", "CALL_FAR", "JMP_FAR_M", "CALL_FAR_M", "IRET",
        "LOOP", "INT", "INT3", "INTO", "INT1", "HLT", "MOVS", "CMPS", "STOS", "LODS", "SCAS", "INS", "OUTS",
        "CLC", "STC", "CMC", "CLD", "STD", "CLI", "STI", "IN_I", "OUT_I", "IN_DX", "OUT_DX", "PAUSE",
        "CPUID", "RDTSC", "RDTSCP", "RDMSR", "WRMSR", "RDPMC", "FENCE", "SLDT", "STR", "LLDT", "LTR",
        "VERR", "VERW", "SGDT", "SIDT", "LGDT", "LIDT", "SMSW", "LMSW", "INVLPG", "SWAPGS", "LAR", "LSL",
        "SYSCALL", "SYSRET", "SYSENTER", "SYSEXIT", "CLTS", "WBINVD", "MOV_R_CR", "MOV_CR_R", "MOV_R_DR",
        "MOV_DR_R", "LSEG", "XGETBV", "MONITOR", "MWAIT", "DAA", "DAS", "AAA", "AAS", "AAM", "AAD", "SALC",
        "ARPL", "X87", "FWAIT", "SSE", "FXSAVE", "FXRSTOR", "LDMXCSR", "STMXCSR", "F_MOV64_RR",
        "F_MOV32_RR", "F_LOAD64", "F_LOAD32", "F_STORE64", "F_STORE32", "F_ALU64_RR", "F_ALU32_RR",
        "F_ALU64_RI", "F_ALU32_RI", "F_ALU64_RM", "F_ALU32_RM", "F_SHIFT64_RI", "F_SHIFT32_RI",
        "F_IMUL64_RR", "F_LEA64", "F_PUSH64", "F_POP64", "F_CALL64", "F_RET64", "F_MOVZXB32", "F_MOVSXD64",
        "F_INCDEC64", "F_INCDEC32", "F_SETCC_R", "F_CMOV64_RR", "F_CMOV32_RR", "RDRAND"};

    private Op() {
    }

    /** UD0, UD1 or UD2: raises #UD by design (Linux's BUG() and WARN()). */
    static void undefinedOnPurpose(Insn in) {
        in.op = UD;
        in.ext = 1;
        in.ends = true;
    }

    public static String name(int op) {
        return op >= 0 && op < NAMES.length ? NAMES[op] : "op" + op;
    }
}
