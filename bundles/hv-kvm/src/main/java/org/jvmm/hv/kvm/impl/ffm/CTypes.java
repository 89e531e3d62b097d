package org.jvmm.hv.kvm.impl.ffm;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Named C scalar members ({@code __u8} .. {@code __u64}) for the struct layouts, and the access
 * helpers they share. A member whose name starts with {@code $} stands for an anonymous union or
 * struct: it adds nothing to the C member path (see {@link AbiCatalog}).
 */
final class CTypes {
    private CTypes() {
    }

    static ValueLayout.OfByte u8(String name) {
        return ValueLayout.JAVA_BYTE.withName(name);
    }

    static ValueLayout.OfShort u16(String name) {
        return ValueLayout.JAVA_SHORT.withName(name);
    }

    static ValueLayout.OfInt u32(String name) {
        return ValueLayout.JAVA_INT.withName(name);
    }

    static ValueLayout.OfLong u64(String name) {
        return ValueLayout.JAVA_LONG.withName(name);
    }

    static ValueLayout.OfLong pointer(String name) {
        return ValueLayout.JAVA_LONG.withName(name);
    }

    static SequenceLayout bytes(String name, long count) {
        return MemoryLayout.sequenceLayout(count, ValueLayout.JAVA_BYTE).withName(name);
    }

    static SequenceLayout array(String name, long count, MemoryLayout element) {
        return MemoryLayout.sequenceLayout(count, element).withName(name);
    }

    /** A VarHandle for the member at {@code path} (dotted, {@code $} members spelled out). */
    static VarHandle handle(MemoryLayout layout, String path) {
        return layout.varHandle(elements(path));
    }

    static long offset(MemoryLayout layout, String path) {
        return layout.byteOffset(elements(path));
    }

    private static PathElement[] elements(String path) {
        String[] names = path.split("\\.");
        PathElement[] elements = new PathElement[names.length];
        for (int i = 0; i < names.length; i++) {
            elements[i] = PathElement.groupElement(names[i]);
        }
        return elements;
    }
}
