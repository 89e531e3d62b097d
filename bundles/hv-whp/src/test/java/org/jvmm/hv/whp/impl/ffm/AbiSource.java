package org.jvmm.hv.whp.impl.ffm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.UnionLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * Generates the C file of the ABI check from the Java definitions: {@code _Static_assert}s for the size,
 * alignment and every named member's offset and size of each layout, for every enum constant (by its C
 * name) and HRESULT, plus one constant per bit-field ({@code jvmm_bf_<i>}, the field set to all ones)
 * whose bytes the assembly output shows.
 */
final class AbiSource {
    private final StringBuilder c = new StringBuilder();

    private AbiSource() {
    }

    static String generate(List<GroupLayout> layouts, List<Class<?>> constants, Map<String, Integer> hresults,
            List<BitField> bitFields) {
        AbiSource s = new AbiSource();
        s.c.append("#include <windows.h>\n#include <winhvplatform.h>\n#include <stddef.h>\n")
                .append("#define CHECK(e) _Static_assert(e, #e)\n");
        layouts.forEach(s::layout);
        constants.forEach(s::constants);
        hresults.forEach(s::hresult);
        for (int i = 0; i < bitFields.size(); i++) {
            BitField f = bitFields.get(i);
            s.c.append("const ").append(f.cType()).append(' ').append(symbol(i)).append(" = {.").append(f.cField())
                    .append(" = 0x").append(Long.toHexString(f.mask())).append("ULL};\n");
        }
        return s.c.toString();
    }

    static String symbol(int bitField) {
        return "jvmm_bf_" + bitField;
    }

    private void layout(GroupLayout layout) {
        String type = layout.name().orElseThrow();
        check("sizeof(" + type + ") == " + layout.byteSize());
        check("_Alignof(" + type + ") == " + layout.byteAlignment());
        members(type, layout, 0, "");
    }

    private void members(String type, GroupLayout group, long base, String prefix) {
        long offset = base;
        for (MemoryLayout m : group.memberLayouts()) {
            long at = group instanceof UnionLayout ? base : offset;
            offset += m.byteSize();
            if (m instanceof PaddingLayout) {
                continue;
            }
            String name = m.name().orElseThrow(() -> new IllegalStateException(type + ": unnamed member"));
            if (name.startsWith("$")) {
                if (m instanceof GroupLayout anonymous) {
                    members(type, anonymous, at, prefix);
                }
                continue;
            }
            String designator = prefix.isEmpty() ? name : prefix + "." + name;
            check("offsetof(" + type + ", " + designator + ") == " + at);
            check("sizeof(((" + type + " *)0)->" + designator + ") == " + m.byteSize());
            if (m instanceof GroupLayout nested) {
                members(type, nested, at, designator);
            }
        }
    }

    private void constants(Class<?> holder) {
        for (Field f : holder.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    check("(UINT32)(" + f.getName() + ") == 0x" + Integer.toHexString(f.getInt(null)) + "U");
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** {@code E_*} macros by value; {@code HRESULT_FROM_WIN32(ERROR_*)} through the Win32 code. */
    private void hresult(String name, int value) {
        if (name.startsWith("E_")) {
            check("(UINT32)(" + name + ") == 0x" + Integer.toHexString(value) + "U");
        } else if (name.startsWith("HRESULT_FROM_WIN32(")) {
            String win32 = name.substring("HRESULT_FROM_WIN32(".length(), name.length() - 1);
            check("(0x80070000U | (UINT32)(" + win32 + ")) == 0x" + Integer.toHexString(value) + "U");
        }
    }

    private void check(String expression) {
        c.append("CHECK(").append(expression).append(");\n");
    }
}
