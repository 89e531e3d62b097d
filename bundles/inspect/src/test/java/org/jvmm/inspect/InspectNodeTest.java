package org.jvmm.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectNodeTest {
    @Test
    void buildsTreeAndFindsPaths() {
        InspectNode root = new InspectNode();
        root.field("state", "running");
        root.child("vp").child("0").hex("rip", 0xFFF0).field("retired", 42L);
        assertEquals("0xfff0", root.toMap().get("vp") instanceof Map<?, ?> m
                ? ((Map<?, ?>) m.get("0")).get("rip") : null);
        assertEquals(42L, root.at("vp/0/retired").orElseThrow());
        assertTrue(root.at("vp/1").isEmpty());
        assertEquals("state: running\nvp:\n  0:\n    rip: 0xfff0\n    retired: 42\n", root.render());
    }

    @Test
    void failingSourceIsRecordedNotThrown() {
        InspectNode root = new InspectNode();
        root.child("dev", n -> {
            throw new IllegalStateException("boom");
        });
        assertTrue(root.at("dev/error").orElseThrow().toString().contains("boom"));
    }

    @Test
    void rejectsSlashInNames() {
        assertThrows(IllegalArgumentException.class, () -> new InspectNode().field("a/b", 1));
    }
}
