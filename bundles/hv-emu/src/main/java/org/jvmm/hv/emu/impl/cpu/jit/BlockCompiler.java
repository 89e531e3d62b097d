package org.jvmm.hv.emu.impl.cpu.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jvmm.hv.emu.impl.cpu.decode.Block;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/**
 * Translates a {@link Region} of 64-bit code to a hidden class extending {@link CompiledBlock}: the
 * common instruction forms become inline bytecode ({@link InsnEmitter}), the others calls into the
 * interpreter with the state stored around them; a branch to a block of the region is a jump inside
 * the generated method (so loops within a code page run there), a branch anywhere else leaves it.
 */
public final class BlockCompiler {

    /** HotSpot does not compile methods longer than this many bytes of bytecode. */
    static final int MAX_CODE_LENGTH = 8000;
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final ClassDesc NAME = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.jit.Translated");
    private static final ClassDesc COMPILED = ClassDesc.of(CompiledBlock.class.getName());
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(CD_long, BlockEmitter.CPU, CD_long);
    private static final ClassFile CLASS_FILE = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
            ClassHierarchyResolver.defaultResolver().orElse(
                    ClassHierarchyResolver.ofClassLoading(BlockCompiler.class.getClassLoader()))));
    private static final DynamicConstantDesc<Insn[]> CLASS_DATA = DynamicConstantDesc.ofNamed(
            ConstantDescs.BSM_CLASS_DATA, ConstantDescs.DEFAULT_NAME, BlockEmitter.INSN.arrayType());

    private BlockCompiler() {
    }

    /** True when the region is worth translating: mostly forms the translator emits inline. */
    static boolean eligible(Region r) {
        int inline = 0;
        int total = 0;
        for (Block b : r.blocks()) {
            for (int i = 0; i < b.count; i++) {
                if (InsnEmitter.isNative(b.insns[i])) {
                    inline++;
                }
            }
            total += b.count;
        }
        return inline * 2 >= total;
    }

    /** The class file for {@code r} (exposed for tests). */
    static byte[] classBytes(Region r) {
        return CLASS_FILE.build(NAME, clb -> clb
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                .withSuperclass(COMPILED)
                .withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC,
                        cb -> cb.aload(0).invokespecial(COMPILED, INIT_NAME, MethodTypeDesc.of(CD_void)).return_())
                .withMethodBody("run", RUN, ClassFile.ACC_PUBLIC, cb -> emit(cb, r)));
    }

    /**
     * Translates {@code r}; null when its bytecode would be too long for HotSpot to compile.
     *
     * @throws IllegalStateException when the generated class cannot be defined (a translator bug)
     */
    static CompiledBlock compile(Region r) {
        byte[] bytes = classBytes(r);
        if (codeLength(bytes) > MAX_CODE_LENGTH) {
            return null;
        }
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(bytes, r.instructions(), true);
            return (CompiledBlock) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define the translation of the block at 0x"
                    + Long.toHexString(r.entry().rip) + ": " + t, t);
        }
    }

    private static int codeLength(byte[] bytes) {
        for (MethodModel m : CLASS_FILE.parse(bytes).methods()) {
            if (m.methodName().equalsString("run")) {
                return m.code().map(c -> ((CodeAttribute) c).codeLength()).orElse(0);
            }
        }
        return 0;
    }

    private static void emit(CodeBuilder cb, Region r) {
        BlockEmitter e = new BlockEmitter(cb, r.instructions());
        for (Block b : r.blocks()) {
            for (int i = 0; i < b.count; i++) {
                if (InsnEmitter.isNative(b.insns[i])) {
                    InsnEmitter.scan(b.insns[i], e.used, e.written);
                }
            }
        }
        e.prologue();
        Label[] labels = new Label[r.blocks().size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = cb.newLabel();
        }
        InsnEmitter emitter = new InsnEmitter(e);
        int base = 0;
        for (int k = 0; k < labels.length; k++) {
            Block b = r.blocks().get(k);
            cb.labelBinding(labels[k]);
            e.startBlock(java.util.Arrays.copyOf(b.insns, b.count), base);
            for (int i = 0; i < b.count - 1; i++) {
                step(e, emitter, b.insns[i], i);
            }
            end(e, emitter, r, labels, b.insns[b.count - 1], b.count - 1);
            base += b.count;
        }
        e.epilogue();
    }

    private static void step(BlockEmitter e, InsnEmitter emitter, Insn in, int i) {
        e.at(i);
        if (InsnEmitter.isNative(in)) {
            emitter.emit(in, i);
        } else {
            interpret(e, in, i);
        }
    }

    /** The last instruction of a block, then RIP and the way on: another block of the region, or out. */
    private static void end(BlockEmitter e, InsnEmitter emitter, Region r, Label[] labels, Insn last, int i) {
        CodeBuilder cb = e.cb;
        e.at(i);
        switch (last.op) {
            case Op.JCC -> {
                Label taken = cb.newLabel();
                e.condJump(last.ext, taken);
                int flags = e.fstate;
                edge(e, r, labels, last.nextRip);
                cb.labelBinding(taken);
                e.fstate = flags;
                edge(e, r, labels, last.imm);
            }
            case Op.JMP_REL -> edge(e, r, labels, last.imm);
            case Op.F_CALL64 -> {
                emitter.emit(last, i);
                edge(e, r, labels, last.imm);
            }
            default -> {
                step(e, emitter, last, i);
                if (last.ends) {
                    e.finish(); // RET, indirect and far branches set RIP themselves
                } else {
                    edge(e, r, labels, last.nextRip);
                }
            }
        }
    }

    /** Continues at {@code rip}: inside the region when a block of it starts there, else leaves. */
    private static void edge(BlockEmitter e, Region r, Label[] labels, long rip) {
        int k = r.indexOf(rip);
        if (k >= 0) {
            Block b = r.blocks().get(k);
            e.jump(labels[k], b.count, rip, FlagLiveness.overwrittenFirst(b.insns, b.count));
        } else {
            e.setRip(rip);
            e.finish();
        }
    }

    /** An instruction the translator leaves to the interpreter: state out, call, state back in. */
    private static void interpret(BlockEmitter e, Insn in, int i) {
        CodeBuilder cb = e.cb;
        e.writeBackRegisters();
        e.materializeFlags();
        e.setRip(in.nextRip);
        int g = e.base + i;
        cb.aload(e.sC).ldc(CLASS_DATA).loadConstant(g).loadConstant(g + 1);
        cb.invokestatic(BlockEmitter.EXEC, "run", MethodTypeDesc.of(CD_int, BlockEmitter.CPU,
                BlockEmitter.INSN.arrayType(), CD_int, CD_int)).pop();
        e.exitRawIfPending(i);
        e.reloadRegisters();
        e.flagsInState();
    }
}
