package org.jvmm.hv.emu.impl.cpu.jit;

import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/**
 * The frame of one translated region's {@code run} method: guest registers in long locals (loaded once,
 * written back on the way out), the lazy flags of the last flag-setting instruction in locals (stored
 * to the CPU state only when something outside the current block may read them), the ways out and
 * the jumps between the region's blocks. {@link InsnEmitter} emits the instructions into it. The
 * retired count of the blocks passed through so far is kept in a local ({@code done}); a way out in
 * the middle of a block adds the index of the instruction there.
 */
final class BlockEmitter {

    static final ClassDesc CPU = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.Cpu");
    static final ClassDesc STATE = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.CpuState");
    static final ClassDesc MMU = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.mmu.Mmu");
    static final ClassDesc INSN = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.decode.Insn");
    static final ClassDesc EXEC = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.exec.Exec");
    static final ClassDesc FLAGS = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.Flags");
    static final ClassDesc JIT_FLAGS = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.jit.JitFlags");
    static final ClassDesc LONGS = CD_long.arrayType();

    /** Flag state known at compile time: in the CPU state, or in the locals with an op known only at run time. */
    static final int IN_STATE = -1, DYNAMIC = -2;

    final CodeBuilder cb;
    /** The region's blocks' instructions, concatenated (the class data the interpreter is called with). */
    final Insn[] all;
    /** The block being emitted: its instructions and the index of its first one in {@link #all}. */
    Insn[] ins;
    int base;
    final boolean[] used = new boolean[16];
    final boolean[] written = new boolean[16];
    private final int[] reg = new int[16];
    private final List<Consumer<CodeBuilder>> stubs = new ArrayList<>();
    private final Label exitFull;
    private final Label exitRaw;
    /** Per instruction of the current block: its flag results are dead ({@link FlagLiveness}). */
    private boolean[] deadFlags;
    /** The instruction being emitted has dead flag results: its flag work may be left out. */
    boolean flagsDead;
    /** The flag state at the current emission point: IN_STATE, DYNAMIC or the constant op. */
    int fstate = IN_STATE;
    final int sC = 1, sBudget = 2;
    int sS, sR, sM, sDone, sRet, sFop, sFa, sFb, sFres, sFaux, sTa, sTb, sTc, sTm, sTe, sCount;

    BlockEmitter(CodeBuilder cb, Insn[] all) {
        this.cb = cb;
        this.all = all;
        this.exitFull = cb.newLabel();
        this.exitRaw = cb.newLabel();
    }

    /** Allocates the locals and loads the used guest registers. */
    void prologue() {
        // run(c, budget < 0) is the readiness probe (CompileWait): it returns 0 without touching c.
        Label run = cb.newLabel();
        cb.lload(sBudget).lconst_0().lcmp().ifge(run).lconst_0().lreturn();
        cb.labelBinding(run);
        sS = cb.allocateLocal(TypeKind.REFERENCE);
        sR = cb.allocateLocal(TypeKind.REFERENCE);
        sM = cb.allocateLocal(TypeKind.REFERENCE);
        sDone = cb.allocateLocal(TypeKind.LONG);
        sRet = cb.allocateLocal(TypeKind.LONG);
        sFop = cb.allocateLocal(TypeKind.INT);
        sFa = cb.allocateLocal(TypeKind.LONG);
        sFb = cb.allocateLocal(TypeKind.LONG);
        sFres = cb.allocateLocal(TypeKind.LONG);
        sFaux = cb.allocateLocal(TypeKind.LONG);
        sTa = cb.allocateLocal(TypeKind.LONG);
        sTb = cb.allocateLocal(TypeKind.LONG);
        sTc = cb.allocateLocal(TypeKind.LONG);
        sTm = cb.allocateLocal(TypeKind.LONG);
        sTe = cb.allocateLocal(TypeKind.LONG);
        sCount = cb.allocateLocal(TypeKind.INT);
        for (int k = 0; k < 16; k++) {
            reg[k] = used[k] ? cb.allocateLocal(TypeKind.LONG) : -1;
        }
        cb.aload(sC).getfield(CPU, "s", STATE).astore(sS);
        cb.aload(sS).getfield(STATE, "r", LONGS).astore(sR);
        cb.aload(sC).getfield(CPU, "mmu", MMU).astore(sM);
        reloadRegisters();
        for (int slot : new int[] {sDone, sRet, sFa, sFb, sFres, sFaux, sTa, sTb, sTc, sTm, sTe}) {
            cb.lconst_0().lstore(slot);
        }
        cb.iconst_m1().istore(sFop);
        cb.iconst_0().istore(sCount);
    }

    /** Starts emitting block {@code ins}, whose first instruction is at {@code base} in {@link #all}. */
    void startBlock(Insn[] ins, int base) {
        this.ins = ins;
        this.base = base;
        this.deadFlags = FlagLiveness.dead(ins, ins.length);
        fstate = IN_STATE;
    }

    /** Emitting instruction {@code i} of the current block next. */
    void at(int i) {
        flagsDead = deadFlags[i];
    }

    // ---- guest registers ----

    void load(int k) {
        cb.lload(reg[k]);
    }

    void store(int k) {
        cb.lstore(reg[k]);
    }

    void loadFrom(CodeBuilder c, int k) {
        c.lload(reg[k]);
    }

    void storeTo(CodeBuilder c, int k) {
        c.lstore(reg[k]);
    }

    void reloadRegisters() {
        for (int k = 0; k < 16; k++) {
            if (used[k]) {
                cb.aload(sR).loadConstant(k).laload().lstore(reg[k]);
            }
        }
    }

    void writeBackRegisters() {
        for (int k = 0; k < 16; k++) {
            if (written[k]) {
                cb.aload(sR).loadConstant(k).lload(reg[k]).lastore();
            }
        }
    }

    // ---- lazy flags ----

    /** Records a flag-setting operation with a constant op; a, b, res from the temporaries given. */
    void setFlags(int op, int slotA, int slotB, int slotRes) {
        if (flagsDead) {
            return;
        }
        cb.lload(slotA).lstore(sFa).lload(slotB).lstore(sFb).lload(slotRes).lstore(sFres);
        cb.loadConstant(op).istore(sFop);
        fstate = op;
    }

    /** Stores the flags held in locals to the CPU state (when they are there). */
    void materializeFlags() {
        if (fstate == IN_STATE) {
            return;
        }
        cb.aload(sS).iload(sFop).putfield(STATE, "lfOp", CD_int);
        cb.aload(sS).lload(sFa).putfield(STATE, "lfA", CD_long);
        cb.aload(sS).lload(sFb).putfield(STATE, "lfB", CD_long);
        cb.aload(sS).lload(sFres).putfield(STATE, "lfRes", CD_long);
        cb.aload(sS).lload(sFaux).putfield(STATE, "lfAux", CD_long);
    }

    /** After the flags went to the CPU state (or an interpreted instruction changed them). */
    void flagsInState() {
        fstate = IN_STATE;
        cb.iconst_m1().istore(sFop);
    }

    /** Pushes condition {@code cc} (0/1). */
    void cond(int cc) {
        Label yes = cb.newLabel();
        Label join = cb.newLabel();
        condJump(cc, yes);
        cb.iconst_0().goto_(join);
        cb.labelBinding(yes);
        cb.iconst_1();
        cb.labelBinding(join);
    }

    /**
     * Jumps to {@code target} when condition {@code cc} holds. After a SUB/CMP or a logic operation known
     * at compile time, compares the operands directly; otherwise asks the flag helpers.
     */
    void condJump(int cc, Label target) {
        if (fstate >= 0) {
            int kind = fstate >>> 2;
            if (kind == Flags.K_SUB && CondEmitter.subCompare(this, fstate & 3, cc, target)) {
                return;
            }
            if (kind == Flags.K_LOGIC && CondEmitter.logicTest(this, fstate & 3, cc, target)) {
                return;
            }
            if (CondEmitter.otherTest(this, fstate, cc, target)) {
                return;
            }
        }
        if (fstate == IN_STATE) {
            cb.aload(sS).loadConstant(cc).invokestatic(FLAGS, "cond", MethodTypeDesc.of(CD_boolean, STATE, CD_int));
        } else {
            pushOp();
            cb.lload(sFa).lload(sFb).lload(sFres).lload(sFaux).loadConstant(cc);
            cb.invokestatic(JIT_FLAGS, "cond", MethodTypeDesc.of(CD_boolean, CD_int, CD_long, CD_long, CD_long,
                    CD_long, CD_int));
        }
        cb.ifne(target);
    }

    /** Pushes CF (0/1). */
    void carry() {
        if (fstate >= 0 && CondEmitter.carry(this, fstate)) {
            return;
        }
        if (fstate == IN_STATE) {
            cb.aload(sS).invokestatic(FLAGS, "cf", MethodTypeDesc.of(CD_boolean, STATE));
            return;
        }
        pushOp();
        cb.lload(sFa).lload(sFb).lload(sFres).lload(sFaux);
        cb.invokestatic(JIT_FLAGS, "cf", MethodTypeDesc.of(CD_boolean, CD_int, CD_long, CD_long, CD_long, CD_long));
    }

    private void pushOp() {
        if (fstate == DYNAMIC) {
            cb.iload(sFop);
        } else {
            cb.loadConstant(fstate);
        }
    }

    // ---- ways out ----

    void setRip(long rip) {
        cb.aload(sS).loadConstant(rip).putfield(STATE, "rip", CD_long);
    }

    /** Jumps out when the CPU state has something pending after instruction {@code i}. */
    void exitIfPending(int i) {
        exitIf(i, -1);
    }

    /** Jumps out when any of the pending bits in {@code mask} is set after instruction {@code i}. */
    void exitIf(int i, int mask) {
        Label stub = cb.newLabel();
        cb.aload(sS).getfield(STATE, "pending", CD_int);
        if (mask != -1) {
            cb.loadConstant(mask).iand();
        }
        cb.ifne(stub);
        Insn in = ins[i];
        stubs.add(c -> {
            c.labelBinding(stub);
            exitAt(in, i);
        });
    }

    /** Jumps out after an interpreted instruction {@code i} left something pending (state already stored). */
    void exitRawIfPending(int i) {
        Label stub = cb.newLabel();
        cb.aload(sS).getfield(STATE, "pending", CD_int).ifne(stub);
        long rip = ins[i].rip;
        stubs.add(c -> {
            c.labelBinding(stub);
            c.aload(sC).loadConstant(rip).putfield(CPU, "jitRip", CD_long);
            c.lload(sDone).loadConstant((long) i).ladd().lstore(sRet);
            c.goto_(exitRaw);
        });
    }

    /** Raises #GP(0) for instruction {@code i} and leaves. */
    void raiseGp(int i) {
        cb.aload(sS).loadConstant(13).iconst_0().invokevirtual(STATE, "raise", MethodTypeDesc.of(CD_void, CD_int, CD_int));
        exitAt(ins[i], i);
    }

    /** Leaves with instruction {@code in} (index {@code i} of the current block) pending. */
    private void exitAt(Insn in, int i) {
        setRip(in.nextRip);
        cb.aload(sC).loadConstant(in.rip).putfield(CPU, "jitRip", CD_long);
        cb.lload(sDone).loadConstant((long) i).ladd().lstore(sRet);
        cb.goto_(exitFull);
    }

    /** The current block retired entirely and RIP is set: leave. */
    void finish() {
        cb.lload(sDone).loadConstant((long) ins.length).ladd().lstore(sRet);
        cb.goto_(exitFull);
    }

    /**
     * The current block retired entirely and continues at block {@code target} of the region (of
     * {@code targetLength} instructions at {@code targetRip}): count it, store the flags, and go on
     * while the budget allows the next block and nobody asked for attention; else leave with RIP there.
     * When the target overwrites the flags before reading them ({@code flagsOverwritten}), they stay in
     * the locals: a way out before that stores them, as from anywhere else.
     */
    void jump(Label target, int targetLength, long targetRip, boolean flagsOverwritten) {
        cb.lload(sDone).loadConstant((long) ins.length).ladd().lstore(sDone);
        // guest clocks read in the next block see the count at its start, as under the interpreter
        cb.aload(sC).lload(sDone).invokevirtual(CPU, "regionProgress", MethodTypeDesc.of(CD_void,
                CD_long));
        if (!flagsOverwritten) {
            materializeFlags();
            flagsInState();
        }
        Label stop = cb.newLabel();
        cb.lload(sDone).loadConstant((long) targetLength).ladd().lload(sBudget).lcmp().ifgt(stop);
        cb.aload(sC).invokevirtual(CPU, "attention", MethodTypeDesc.of(CD_boolean)).ifne(stop);
        cb.goto_(target);
        cb.labelBinding(stop);
        setRip(targetRip);
        cb.lload(sDone).lstore(sRet);
        cb.goto_(exitFull);
    }

    /** Emits the out-of-line paths and the two exits. */
    void epilogue() {
        for (Consumer<CodeBuilder> s : stubs) {
            s.accept(cb);
        }
        cb.labelBinding(exitFull);
        writeBackRegisters();
        Label noFlags = cb.newLabel();
        cb.iload(sFop).iflt(noFlags);
        fstate = DYNAMIC;
        materializeFlags();
        cb.labelBinding(noFlags);
        cb.lload(sRet).lreturn();
        cb.labelBinding(exitRaw);
        cb.lload(sRet).lreturn();
    }
}
