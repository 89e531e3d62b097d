package org.jvmm.vmm.resource;

import java.util.List;

/** Handle records for the tests. */
public final class TestHandles {
    private TestHandles() {
    }

    @HandleType(kind = "disk_handle", id = "file")
    public record FileDisk(String path, boolean readOnly) implements ResourceHandle {
    }

    /** Same kind:id as FileDisk, another class: as after a bundle update. */
    @HandleType(kind = "disk_handle", id = "file")
    public record FileDiskV2(String path, boolean readOnly) implements ResourceHandle {
    }

    @HandleType(kind = "disk_handle", id = "layered")
    public record LayeredDisk(List<ResourceHandle> layers) implements ResourceHandle {
        public LayeredDisk {
            layers = List.copyOf(layers);
        }
    }

    @HandleType(kind = "disk_layer_handle", id = "ram")
    public record RamLayer(long size) implements ResourceHandle {
    }

    @HandleType(kind = "disk_layer_handle", id = "disk")
    public record DiskLayer(ResourceHandle disk) implements ResourceHandle {
    }

    @HandleType(kind = "disk_handle", id = "sqlite")
    public record SqliteDisk(String path) implements ResourceHandle {
    }

    /** Not annotated. */
    public record Bare(int x) implements ResourceHandle {
    }
}
