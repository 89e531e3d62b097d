package org.jvmm.cli.impl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyValueSpecTest {
    private static final KeyValueSpec SPEC = KeyValueSpec.positional("kind").flags("ro", "fast")
            .values("count", "vps").optionalValue("vpci");

    @Test
    void splitsOnTopLevelCommasOnly() throws SpecException {
        assertEquals(List.of("size=2G", "vps=[0,1,4-5]"), KeyValueSpec.split("size=2G,vps=[0,1,4-5]"));
        assertEquals(List.of(), KeyValueSpec.split(""));
    }

    @Test
    void rejectsUnbalancedBracketsAndEmptyParts() {
        assertEquals("unmatched '[' in 'a=[1,2'", message(() -> KeyValueSpec.split("a=[1,2")));
        assertEquals("unmatched ']' in 'a=1]'", message(() -> KeyValueSpec.split("a=1]")));
        assertEquals("empty option in 'a,,b'", message(() -> KeyValueSpec.split("a,,b")));
        assertEquals("empty option in 'a,'", message(() -> KeyValueSpec.split("a,")));
    }

    @Test
    void parsesPositionalFlagsAndValues() throws SpecException {
        KeyValues kv = SPEC.parse("mem:1G,ro,fast=off,count=3,vpci");
        assertEquals("mem:1G", kv.positional());
        assertTrue(kv.flag("ro"));
        assertFalse(kv.flag("fast"));
        assertEquals(Optional.of(false), kv.toggle("fast"));
        assertEquals(Optional.empty(), kv.toggle("missing"));
        assertEquals(3, kv.unsigned("count", 10).getAsLong());
        assertEquals(Optional.of(""), kv.value("vpci"));
    }

    @Test
    void reportsUnknownDuplicateAndBadOptions() {
        assertEquals("unknown option 'x'; expected one of: 'ro', 'fast', 'count', 'vps', 'vpci'",
                message(() -> SPEC.parse("k,x=1")));
        assertEquals("duplicate flag 'ro'", message(() -> SPEC.parse("k,ro,ro=off")));
        assertEquals("duplicate option 'count'", message(() -> SPEC.parse("k,count=1,count=2")));
        assertEquals("flag 'ro' expects no value, 'on', or 'off', got 'yes'", message(() -> SPEC.parse("k,ro=yes")));
        assertEquals("option 'count' requires a value", message(() -> SPEC.parse("k,count")));
        assertEquals("option 'vpci' requires a value after '='", message(() -> SPEC.parse("k,vpci=")));
        assertEquals("option key cannot be empty", message(() -> SPEC.parse("k,=1")));
        assertEquals("missing required 'kind'", message(() -> SPEC.parse("")));
        assertEquals("invalid value for option 'count': number '11' is out of range (0-10)",
                message(() -> SPEC.parse("k,count=11").unsigned("count", 10)));
    }

    @Test
    void requiredKeysMustBePresent() {
        KeyValueSpec spec = KeyValueSpec.options().required("id").values("x");
        assertEquals("missing required option 'id'", message(() -> spec.parse("x=1")));
    }

    static String message(Thrower t) {
        return assertThrows(SpecException.class, t::run).getMessage();
    }

    @FunctionalInterface
    interface Thrower {
        void run() throws SpecException;
    }
}
