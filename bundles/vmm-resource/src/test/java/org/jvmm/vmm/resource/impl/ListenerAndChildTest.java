package org.jvmm.vmm.resource.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.ChildRegistry;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.Registration;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverListener;
import org.jvmm.vmm.resource.TestHandles.FileDisk;

class ListenerAndChildTest {
    private final List<String> problems = new ArrayList<>();
    private final RegistryCore core = new RegistryCore(null, (msg, t) -> problems.add(msg));
    private final FileDisk disk = new FileDisk("/x", false);

    /** Records events as "+key@bundle" / "-key@bundle", with "!" when conflicted. */
    static final class Recorder implements ResolverListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void resolverAdded(ResolverInfo info) {
            events.add("+" + info.key() + "@" + info.bundleSymbolicName() + (info.conflicted() ? "!" : ""));
        }

        @Override
        public void resolverRemoved(ResolverInfo info) {
            events.add("-" + info.key() + "@" + info.bundleSymbolicName() + (info.conflicted() ? "!" : ""));
        }
    }

    @Test
    void listenersHearAddsAndRemovesUntilClosed() {
        Recorder rec = new Recorder();
        Registration sub = core.addListener(rec);
        Registration a = core.register(RegistryCoreTest.FILE, "disk_handle", "file", "a", 1);
        Registration b = core.register(RegistryCoreTest.FILE, "disk_handle", "file", "b", 2);
        b.close();
        b.close();
        sub.close();
        a.close();
        assertEquals(List.of("+disk_handle:file@a", "+disk_handle:file@b!", "-disk_handle:file@b!"), rec.events);
    }

    @Test
    void failingListenerIsReportedAndOthersStillRun() {
        core.addListener(new ResolverListener() {
            @Override
            public void resolverAdded(ResolverInfo info) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void resolverRemoved(ResolverInfo info) {
            }
        });
        Recorder rec = new Recorder();
        core.addListener(rec);
        core.register(RegistryCoreTest.FILE, "disk_handle", "file", "a", 1);
        assertEquals(List.of("+disk_handle:file@a"), rec.events);
        assertEquals(1, problems.size());
        assertTrue(problems.getFirst().contains("failed in resolverAdded for disk_handle:file"), problems.getFirst());
        assertTrue(core.find("disk_handle", "file").isPresent());
    }

    @Test
    void childShadowsParentAndFallsBack() throws Exception {
        core.register(RegistryCoreTest.FILE, "disk_handle", "file", "org.parent", 5);
        ChildRegistry child = core.createChild("vm1");
        assertEquals("file:/x", child.resolve(disk, String.class, Inputs.EMPTY, "d"));

        child.register(FakeResolver.of(FileDisk.class, String.class, (h, c) -> "vm1:" + h.path()),
                "disk_handle", "file");
        assertEquals("vm1:/x", child.resolve(disk, String.class, Inputs.EMPTY, "d"));
        assertEquals("file:/x", core.resolve(disk, String.class, Inputs.EMPTY, "d"));
        ResolverInfo found = child.find("disk_handle", "file").orElseThrow();
        assertEquals("vm:vm1", found.bundleSymbolicName());
        assertEquals(-1, found.bundleId());
        assertEquals(List.of("vm:vm1", "org.parent"),
                child.list().stream().map(ResolverInfo::bundleSymbolicName).toList());
        assertEquals(1, core.list().size());
    }

    @Test
    void childSubResolutionUsesTheChildFirst() throws Exception {
        core.register(FakeResolver.of(org.jvmm.vmm.resource.TestHandles.DiskLayer.class, String.class,
                (h, ctx) -> "layer(" + ctx.child("disk").resolve(h.disk(), String.class) + ")"),
                "disk_layer_handle", "disk", "org.parent", 5);
        ChildRegistry child = core.createChild("vm1");
        child.register(FakeResolver.of(FileDisk.class, String.class, (h, c) -> "vm1:" + h.path()),
                "disk_handle", "file");
        assertEquals("layer(vm1:/x)", child.resolve(new org.jvmm.vmm.resource.TestHandles.DiskLayer(disk),
                String.class, Inputs.EMPTY, "l"));
    }

    @Test
    void childListenersHearBothAndCloseDropsEverything() throws Exception {
        ChildRegistry child = core.createChild("vm1");
        Recorder rec = new Recorder();
        child.addListener(rec);
        child.register(RegistryCoreTest.FILE, "disk_handle", "file");
        core.register(RegistryCoreTest.FILE, "disk_handle", "file", "org.parent", 5);
        assertEquals(List.of("+disk_handle:file@vm:vm1", "+disk_handle:file@org.parent"), rec.events);

        child.close();
        assertEquals("org.parent", child.find("disk_handle", "file").orElseThrow().bundleSymbolicName());
        core.register(FakeResolver.of(org.jvmm.vmm.resource.TestHandles.RamLayer.class, Object.class, (h, c) -> h),
                "disk_layer_handle", "ram", "org.parent", 5);
        assertEquals(2, rec.events.size());
        assertThrows(IllegalStateException.class, () -> child.register(RegistryCoreTest.FILE, "disk_handle", "file"));
    }

    @Test
    void duplicateInsideAChildIsAnError() {
        ChildRegistry child = core.createChild("vm1");
        child.register(RegistryCoreTest.FILE, "disk_handle", "file");
        child.register(RegistryCoreTest.FILE, "disk_handle", "file");
        var e = assertThrows(ResolveException.class, () -> child.resolve(disk, String.class, Inputs.EMPTY, "d"));
        assertEquals(ResolveException.Reason.DUPLICATE, e.reason());
    }
}
