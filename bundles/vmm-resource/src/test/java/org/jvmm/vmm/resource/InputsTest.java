package org.jvmm.vmm.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InputsTest {

    @Test
    void ofKeysByClassSuperclassesAndInterfaces() {
        ArrayList<String> list = new ArrayList<>();
        Inputs in = Inputs.of(list);
        assertSame(list, in.get(ArrayList.class).orElseThrow());
        assertSame(list, in.get(List.class).orElseThrow());
        assertSame(list, in.get(java.util.Collection.class).orElseThrow());
        assertSame(list, in.get(java.util.AbstractList.class).orElseThrow());
        assertEquals(Optional.empty(), in.get(String.class));
        assertEquals(Optional.empty(), Inputs.EMPTY.get(List.class));
    }

    @Test
    void sharedInterfaceIsAmbiguousUntilSetExplicitly() {
        AtomicInteger a = new AtomicInteger();
        Long b = 5L;
        Inputs in = Inputs.of(a, b);
        assertSame(b, in.get(Long.class).orElseThrow());
        var e = assertThrows(IllegalStateException.class, () -> in.get(Number.class));
        assertTrue(e.getMessage().contains("ambiguous input java.lang.Number"), e.getMessage());
        assertSame(a, in.with(Number.class, a).get(Number.class).orElseThrow());
    }

    @Test
    void twoInputsOfOneClassAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Inputs.of("a", "b"));
    }

    @Test
    void withOverlaysAnotherInputs() {
        Inputs base = Inputs.of("x", 1);
        Inputs over = base.with(Inputs.of("y"));
        assertEquals("y", over.get(String.class).orElseThrow());
        assertEquals(1, over.get(Integer.class).orElseThrow());
        assertEquals("x", base.get(String.class).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> base.with(Integer.class, null));
    }
}
