package org.jvmm.hv.emu.impl.cpu.jit;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jvmm.hv.emu.impl.cpu.decode.Block;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/**
 * Translates a hot block of 64-bit code to a hidden class implementing {@link CompiledBlock}: the
 * common instruction forms become inline bytecode ({@link InsnEmitter}), the others calls into the
 * interpreter with the state stored around them. A block that branches to its own start (and calls
 * no interpreter) loops inside the generated method.
 */
public final class BlockCompiler {

    /** HotSpot does not compile methods longer than this many bytes of bytecode. */
    static final int MAX_CODE_LENGTH = 8000;
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final ClassDesc NAME = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.jit.Translated");
    private static final ClassDesc COMPILED = ClassDesc.of(CompiledBlock.class.getName());
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(CD_long, BlockEmitter.CPU,
            BlockEmitter.INSN.arrayType(), CD_long);
    private static final ClassFile CLASS_FILE = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
            ClassHierarchyResolver.defaultResolver().orElse(
                    ClassHierarchyResolver.ofClassLoading(BlockCompiler.class.getClassLoader()))));

    private BlockCompiler() {
    }

    /** True when the block is worth translating: 64-bit code, mostly forms the translator emits inline. */
    public static boolean eligible(Block b) {
        if (b.codeSize != 8) {
            return false;
        }
        int inline = 0;
        for (int i = 0; i < b.count; i++) {
            if (InsnEmitter.isNative(b.insns[i])) {
                inline++;
            }
        }
        return inline * 2 >= b.count;
    }

    /** The class file for {@code b} (exposed for tests). */
    static byte[] classBytes(Block b) {
        return CLASS_FILE.build(NAME, clb -> clb
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                .withInterfaceSymbols(COMPILED)
                .withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC,
                        cb -> cb.aload(0).invokespecial(CD_Object, INIT_NAME, MethodTypeDesc.of(CD_void)).return_())
                .withMethodBody("run", RUN, ClassFile.ACC_PUBLIC, cb -> emit(cb, b)));
    }

    /**
     * Translates {@code b}; null when its bytecode would be too long for HotSpot to compile.
     *
     * @throws IllegalStateException when the generated class cannot be defined (a translator bug)
     */
    public static CompiledBlock compile(Block b) {
        byte[] bytes = classBytes(b);
        if (codeLength(bytes) > MAX_CODE_LENGTH) {
            return null;
        }
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
            return (CompiledBlock) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define the translation of the block at 0x"
                    + Long.toHexString(b.rip) + ": " + t, t);
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

    private static void emit(CodeBuilder cb, Block b) {
        Insn[] ins = b.insns;
        int n = b.count;
        BlockEmitter e = new BlockEmitter(cb, ins, n, b.rip);
        boolean interpreted = false;
        for (int i = 0; i < n; i++) {
            if (InsnEmitter.isNative(ins[i])) {
                InsnEmitter.scan(ins[i], e.used, e.written);
            } else {
                interpreted = true;
            }
        }
        e.prologue();
        InsnEmitter emitter = new InsnEmitter(e);
        for (int i = 0; i < n - 1; i++) {
            step(e, emitter, ins[i], i);
        }
        end(e, emitter, ins[n - 1], n - 1, !interpreted);
        e.epilogue();
    }

    private static void step(BlockEmitter e, InsnEmitter emitter, Insn in, int i) {
        if (InsnEmitter.isNative(in)) {
            emitter.emit(in, i);
        } else {
            interpret(e, in, i);
        }
    }

    /** The last instruction, then RIP and the way out (or round again). */
    private static void end(BlockEmitter e, InsnEmitter emitter, Insn last, int i, boolean mayLoop) {
        CodeBuilder cb = e.cb;
        boolean loops = mayLoop && last.imm == e.blockRip;
        switch (last.op) {
            case Op.JCC -> {
                java.lang.classfile.Label fall = cb.newLabel();
                e.cond(last.ext);
                cb.ifeq(fall);
                taken(e, last, loops);
                cb.labelBinding(fall);
                e.setRip(last.nextRip);
                e.finish();
            }
            case Op.JMP_REL -> taken(e, last, loops);
            default -> {
                boolean setsRip = last.op == Op.F_CALL64 || last.op == Op.F_RET64 || !InsnEmitter.isNative(last);
                step(e, emitter, last, i);
                if (!setsRip) {
                    e.setRip(last.nextRip);
                }
                e.finish();
            }
        }
    }

    private static void taken(BlockEmitter e, Insn last, boolean loops) {
        if (loops) {
            e.loopBack();
        } else {
            e.setRip(last.imm);
            e.finish();
        }
    }

    /** An instruction the translator leaves to the interpreter: state out, call, state back in. */
    private static void interpret(BlockEmitter e, Insn in, int i) {
        CodeBuilder cb = e.cb;
        e.writeBackRegisters();
        e.materializeFlags();
        e.setRip(in.nextRip);
        cb.aload(e.sC).aload(e.sIns).loadConstant(i).aaload();
        cb.invokestatic(BlockEmitter.EXEC, "exec", MethodTypeDesc.of(CD_void, BlockEmitter.CPU, BlockEmitter.INSN));
        e.exitRawIfPending(i);
        e.reloadRegisters();
        e.flagsInState();
    }
}
