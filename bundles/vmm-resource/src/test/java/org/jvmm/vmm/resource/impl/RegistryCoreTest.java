package org.jvmm.vmm.resource.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.Registration;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.TestHandles.FileDisk;
import org.jvmm.vmm.resource.TestHandles.FileDiskV2;
import org.jvmm.vmm.resource.TestHandles.LayeredDisk;
import org.jvmm.vmm.resource.TestHandles.RamLayer;
import org.jvmm.vmm.resource.TestHandles.SqliteDisk;

class RegistryCoreTest {
    private final List<String> problems = new ArrayList<>();
    private final RegistryCore core = new RegistryCore(null, (msg, t) -> problems.add(msg));

    static final FakeResolver<FileDisk, CharSequence> FILE = FakeResolver.of(FileDisk.class, CharSequence.class,
            (h, ctx) -> "file:" + h.path() + (h.readOnly() ? ":ro" : ""));

    @Test
    void registerFindResolve() throws Exception {
        core.register(FILE, "disk_handle", "file", "org.jvmm.storage.disk", 7);
        ResolverInfo info = core.find("disk_handle", "file").orElseThrow();
        assertEquals(new ResolverInfo("disk_handle", "file", "org.jvmm.storage.disk", 7, FileDisk.class, false), info);
        assertEquals("file:/a.img:ro", core.resolve(new FileDisk("/a.img", true), String.class, Inputs.EMPTY, "disks[0]"));
        assertEquals(info, core.require("disk_handle", "file", "x"));
        assertEquals(Optional.empty(), core.find("disk_handle", "ram"));
    }

    @Test
    void missingResolverNamesPathAndProvidingBundle() {
        var e = assertThrows(ResolveException.class,
                () -> core.resolve(new SqliteDisk("/d.db"), Object.class, Inputs.EMPTY, "disks[0]"));
        assertEquals("no resolver for disk_handle:sqlite at disks[0] — install or start bundle storage-disk",
                e.getMessage());
        assertEquals(ResolveException.Reason.MISSING, e.reason());
    }

    @Test
    void duplicateNamesBothBundlesAndClearsWhenOneGoes() throws Exception {
        core.register(FILE, "disk_handle", "file", "org.a", 3);
        Registration second = core.register(FILE, "disk_handle", "file", "org.b", 4);
        assertTrue(core.find("disk_handle", "file").orElseThrow().conflicted());
        assertTrue(core.list().stream().allMatch(ResolverInfo::conflicted));
        var e = assertThrows(ResolveException.class,
                () -> core.resolve(new FileDisk("/x", false), String.class, Inputs.EMPTY, "disks[2]"));
        assertEquals("two resolvers for disk_handle:file at disks[2]: bundles org.a [3] and org.b [4]"
                + " — stop one of them", e.getMessage());
        assertEquals(ResolveException.Reason.DUPLICATE,
                assertThrows(ResolveException.class, () -> core.require("disk_handle", "file", "")).reason());

        second.close();
        ResolverInfo left = core.find("disk_handle", "file").orElseThrow();
        assertFalse(left.conflicted());
        assertEquals("org.a", left.bundleSymbolicName());
        assertEquals("file:/x", core.resolve(new FileDisk("/x", false), String.class, Inputs.EMPTY, ""));
    }

    @Test
    void listIsSortedByKindThenId() {
        core.register(FakeResolver.of(SqliteDisk.class, Object.class, (h, c) -> h), "disk_handle", "sqlite", "b", 2);
        core.register(FakeResolver.of(RamLayer.class, Object.class, (h, c) -> h), "disk_layer_handle", "ram", "c", 1);
        core.register(FILE, "disk_handle", "file", "a", 3);
        assertEquals(List.of("disk_handle:file", "disk_handle:sqlite", "disk_layer_handle:ram"),
                core.list().stream().map(ResolverInfo::key).toList());
        assertEquals(List.of("disk_handle:file", "disk_handle:sqlite", "disk_layer_handle:ram"),
                List.copyOf(core.handleTypes().keys()));
    }

    @Test
    void registrationMustMatchTheHandleAnnotation() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> core.register(FILE, "disk_handle", "ram", "a", 1));
        assertTrue(e.getMessage().contains("registered as disk_handle:ram but its handle"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> core.register(FILE, "", "file", "a", 1));
    }

    @Test
    void outputTypeIsCheckedBeforeCalling() {
        core.register(FILE, "disk_handle", "file", "a", 1);
        var e = assertThrows(ResolveException.class,
                () -> core.resolve(new FileDisk("/x", false), Integer.class, Inputs.EMPTY, "disks[0]"));
        assertEquals(ResolveException.Reason.WRONG_TYPE, e.reason());
        assertTrue(e.getMessage().startsWith("disk_handle:file at disks[0] resolves to java.lang.CharSequence"),
                e.getMessage());
    }

    @Test
    void narrowerRequestIsCheckedAgainstTheResult() throws Exception {
        core.register(FakeResolver.of(FileDisk.class, Object.class, (h, c) -> h.readOnly() ? 1 : "rw"),
                "disk_handle", "file", "a", 1);
        assertEquals("rw", core.resolve(new FileDisk("/x", false), String.class, Inputs.EMPTY, "d"));
        var e = assertThrows(ResolveException.class,
                () -> core.resolve(new FileDisk("/x", true), String.class, Inputs.EMPTY, "d"));
        assertEquals("disk_handle:file at d resolves to java.lang.Integer, not the requested java.lang.String",
                e.getMessage());
    }

    @Test
    void resolverFailuresBecomeResolveExceptions() {
        core.register(FakeResolver.of(FileDisk.class, Object.class, (h, c) -> {
            throw new IllegalStateException("cannot open " + h.path());
        }), "disk_handle", "file", "a", 1);
        var e = assertThrows(ResolveException.class,
                () -> core.resolve(new FileDisk("/x", false), Object.class, Inputs.EMPTY, "disks[0]"));
        assertEquals("disk_handle:file at disks[0] failed: cannot open /x", e.getMessage());
        assertEquals(IllegalStateException.class, e.getCause().getClass());
    }

    @Test
    void nullResultIsAFailure() {
        core.register(FakeResolver.of(FileDisk.class, Object.class, (h, c) -> null), "disk_handle", "file", "a", 1);
        var e = assertThrows(ResolveException.class,
                () -> core.resolve(new FileDisk("/x", false), Object.class, Inputs.EMPTY, "d"));
        assertTrue(e.getMessage().contains("returned null"), e.getMessage());
    }

    @Test
    void inputsReachTheResolver() throws Exception {
        core.register(FakeResolver.of(FileDisk.class, String.class,
                (h, c) -> c.input(StringBuilder.class).orElseThrow().append(h.path()).toString()),
                "disk_handle", "file", "a", 1);
        StringBuilder sb = new StringBuilder("mem:");
        assertEquals("mem:/x", core.resolve(new FileDisk("/x", false), String.class, Inputs.of(sb), "d"));
    }

    @Test
    void handleOfAnotherClassWithTheSameKeyIsAdapted() throws Exception {
        core.register(FakeResolver.of(FileDiskV2.class, String.class, (h, c) -> "v2:" + h.path()),
                "disk_handle", "file", "a", 1);
        assertEquals("v2:/x", core.resolve(new FileDisk("/x", true), String.class, Inputs.EMPTY, "d"));
    }

    @Test
    void subHandlesResolveWithPathsInErrors() throws Exception {
        core.register(FakeResolver.of(LayeredDisk.class, String.class, (h, ctx) -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < h.layers().size(); i++) {
                sb.append(ctx.child("layers[" + i + "]").resolve(h.layers().get(i), String.class)).append(';');
            }
            return sb.toString();
        }), "disk_handle", "layered", "a", 1);
        core.register(FakeResolver.of(RamLayer.class, String.class, (h, ctx) -> "ram" + h.size() + "@" + ctx.path()),
                "disk_layer_handle", "ram", "a", 1);
        var ok = new LayeredDisk(List.of(new RamLayer(1), new RamLayer(2)));
        assertEquals("ram1@disks[0].layers[0];ram2@disks[0].layers[1];",
                core.resolve(ok, String.class, Inputs.EMPTY, "disks[0]"));

        var bad = new LayeredDisk(List.of(new RamLayer(1), new SqliteDisk("/d")));
        var e = assertThrows(ResolveException.class, () -> core.resolve(bad, String.class, Inputs.EMPTY, "disks[0]"));
        assertEquals("no resolver for disk_handle:sqlite at disks[0].layers[1] — install or start bundle storage-disk",
                e.getMessage());
    }

    @Test
    void selfResolutionHitsTheCycleGuard() {
        core.register(FakeResolver.of(FileDisk.class, String.class, (h, ctx) -> ctx.resolve(h, String.class)),
                "disk_handle", "file", "a", 1);
        var e = assertThrows(ResolveException.class,
                () -> core.resolve(new FileDisk("/x", false), String.class, Inputs.EMPTY, "d"));
        assertEquals(ResolveException.Reason.TOO_DEEP, e.reason());
        assertTrue(e.getMessage().startsWith("resolution too deep (cycle?)"), e.getMessage());
    }

    @Test
    void unboundedNestingHitsTheDepthLimit() {
        core.register(FakeResolver.of(RamLayer.class, String.class,
                (h, ctx) -> ctx.child("next").resolve(new RamLayer(h.size() + 1), String.class)),
                "disk_layer_handle", "ram", "a", 1);
        var e = assertThrows(ResolveException.class,
                () -> core.resolve(new RamLayer(0), String.class, Inputs.EMPTY, "d"));
        assertEquals(ResolveException.Reason.TOO_DEEP, e.reason());
        assertTrue(e.getMessage().contains("(depth " + (ResolveContextImpl.MAX_DEPTH + 1) + ")"), e.getMessage());
    }

    @Test
    void pathSegmentsJoin() {
        assertEquals("disks", ResolveContextImpl.join("", "disks"));
        assertEquals("disks[0]", ResolveContextImpl.join("disks", "[0]"));
        assertEquals("disks[0].layers[1]", ResolveContextImpl.join("disks[0]", "layers[1]"));
        assertEquals("disks[0]", ResolveContextImpl.join("disks[0]", ""));
    }
}
