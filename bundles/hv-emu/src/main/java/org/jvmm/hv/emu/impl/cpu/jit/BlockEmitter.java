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
 * The frame of one compiled block's {@code run} method: guest registers in long locals (loaded once,
 * written back on the way out), the lazy flags of the last flag-setting instruction in locals (stored
 * to the CPU state only when something outside the block may read them), the ways out and the loop
 * back to the block's start. {@link InsnEmitter} emits the instructions into it.
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
    final Insn[] ins;
    final int n;
    final long blockRip;
    final boolean[] used = new boolean[16];
    final boolean[] written = new boolean[16];
    private final int[] reg = new int[16];
    private final List<Consumer<CodeBuilder>> stubs = new ArrayList<>();
    private final Label exitFull;
    private final Label exitRaw;
    private Label loopHead;
    /** The flag state at the current emission point: IN_STATE, DYNAMIC or the constant op. */
    int fstate = IN_STATE;
    final int sC = 1, sIns = 2, sBudget = 3;
    int sS, sR, sM, sDone, sRet, sFop, sFa, sFb, sFres, sFaux, sTa, sTb, sTc, sTm, sTe, sCount;

    BlockEmitter(CodeBuilder cb, Insn[] ins, int n, long blockRip) {
        this.cb = cb;
        this.ins = ins;
        this.n = n;
        this.blockRip = blockRip;
        this.exitFull = cb.newLabel();
        this.exitRaw = cb.newLabel();
    }

    /** Allocates the locals and loads the used guest registers; binds the loop head. */
    void prologue() {
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
        loopHead = cb.newBoundLabel();
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
        stubs.add(c -> {
            c.labelBinding(stub);
            exitAt(i);
        });
    }

    /** Jumps out after an interpreted instruction {@code i} left something pending (state already stored). */
    void exitRawIfPending(int i) {
        Label stub = cb.newLabel();
        cb.aload(sS).getfield(STATE, "pending", CD_int).ifne(stub);
        stubs.add(c -> {
            c.labelBinding(stub);
            c.aload(sC).loadConstant(i).putfield(CPU, "jitIndex", CD_int);
            c.lload(sDone).loadConstant((long) i).ladd().lstore(sRet);
            c.goto_(exitRaw);
        });
    }

    /** Raises #GP(0) for instruction {@code i} and leaves. */
    void raiseGp(int i) {
        cb.aload(sS).loadConstant(13).iconst_0().invokevirtual(STATE, "raise", MethodTypeDesc.of(CD_void, CD_int, CD_int));
        exitAt(i);
    }

    private void exitAt(int i) {
        setRip(ins[i].nextRip);
        cb.aload(sC).loadConstant(i).putfield(CPU, "jitIndex", CD_int);
        cb.lload(sDone).loadConstant((long) i).ladd().lstore(sRet);
        cb.goto_(exitFull);
    }

    /** The normal end: the whole block retired, RIP already set. */
    void finish() {
        cb.lload(sDone).loadConstant((long) n).ladd().lstore(sRet);
        cb.goto_(exitFull);
    }

    /**
     * The block branches back to its own start: count the pass, and go round again while the budget
     * allows another whole pass and nobody asked for attention; else leave with RIP at the start.
     */
    void loopBack() {
        cb.lload(sDone).loadConstant((long) n).ladd().lstore(sDone);
        materializeFlags();
        flagsInState();
        Label stop = cb.newLabel();
        cb.lload(sDone).loadConstant((long) n).ladd().lload(sBudget).lcmp().ifgt(stop);
        cb.aload(sC).invokevirtual(CPU, "attention", MethodTypeDesc.of(CD_boolean)).ifne(stop);
        cb.goto_(loopHead);
        cb.labelBinding(stop);
        setRip(blockRip);
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
