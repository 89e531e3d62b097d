package org.jvmm.hv.emu.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** All forms the differential test runs, in a fixed order. */
final class Forms {

    private Forms() {
    }

    static List<Form> all() {
        List<Form> f = new ArrayList<>();
        AluForms.add(f);
        ShiftForms.add(f);
        MulDivForms.add(f);
        BitForms.add(f);
        ExchangeForms.add(f);
        MoveForms.add(f);
        StringForms.add(f);
        StackForms.add(f);
        MiscForms.add(f);
        SseForms.add(f);
        SseFloatForms.add(f);
        X87Forms.add(f);
        FxsaveForms.add(f);
        ChainForms.add(f);
        Set<String> names = new HashSet<>();
        for (Form form : f) {
            if (!names.add(form.name())) {
                throw new IllegalStateException("duplicate form " + form.name());
            }
        }
        return f;
    }
}
