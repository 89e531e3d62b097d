package org.jvmm.vmm.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolveExceptionTest {

    @Test
    void missingNamesKindIdPathAndBundle() {
        var e = ResolveException.missing("disk_handle", "sqlite", "disks[0]",
                ProviderHints.hintOrNull("disk_handle", "sqlite"));
        assertEquals("no resolver for disk_handle:sqlite at disks[0] — install or start bundle storage-disk",
                e.getMessage());
        assertEquals(ResolveException.Reason.MISSING, e.reason());
        assertEquals("disk_handle:sqlite", e.key());
        assertEquals("disks[0]", e.path());
    }

    @Test
    void missingWithoutHintOrPath() {
        assertEquals("no resolver for widget:x at <root>",
                ResolveException.missing("widget", "x", "", null).getMessage());
    }

    @Test
    void duplicateNamesBothBundles() {
        var e = ResolveException.duplicate("disk_handle", "file", "org.a", "org.b");
        assertEquals("two resolvers for disk_handle:file at <root>: bundles org.a and org.b — stop one of them",
                e.getMessage());
    }

    @Test
    void failedCarriesCauseOnOneLine() {
        IOException cause = new IOException("no such file\n/x.img");
        var e = ResolveException.failed("disk_handle", "file", "disks[1]", cause);
        assertEquals("disk_handle:file at disks[1] failed: no such file /x.img", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void wrongTypeNamesBothTypes() {
        var e = ResolveException.wrongType("hypervisor", "kvm", "hypervisor", Runnable.class, String.class);
        assertEquals("hypervisor:kvm at hypervisor resolves to java.lang.String, not the requested "
                + "java.lang.Runnable", e.getMessage());
    }

    @Test
    void hintsCoverExactAndWildcardEntries() {
        assertEquals(Optional.of("hv-kvm"), ProviderHints.bundleFor("hypervisor", "kvm"));
        assertEquals(Optional.of("devices-virtio"), ProviderHints.bundleFor("virtio", "virtio-blk"));
        assertEquals(Optional.of("chipset"), ProviderHints.bundleFor("chipset_device_handle", "pic"));
        assertEquals(Optional.empty(), ProviderHints.bundleFor("hypervisor", "hvf"));
    }
}
