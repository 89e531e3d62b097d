package org.jvmm.vmm.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.TestHandles.DiskLayer;
import org.jvmm.vmm.resource.TestHandles.FileDisk;
import org.jvmm.vmm.resource.TestHandles.LayeredDisk;
import org.jvmm.vmm.resource.TestHandles.RamLayer;

class HandleJsonTest {
    private final ObjectMapper mapper = HandleJson.mapper();
    private final HandleTypes types = HandleTypes.of(FileDisk.class, LayeredDisk.class, RamLayer.class,
            DiskLayer.class);

    @Test
    void kindIdAndKeyComeFromTheAnnotation() {
        FileDisk d = new FileDisk("/a.img", true);
        assertEquals("disk_handle", d.kind());
        assertEquals("file", d.id());
        assertEquals("disk_handle:file", d.key());
        assertEquals("disk_layer_handle:ram", ResourceHandle.keyOf(RamLayer.class));
    }

    @Test
    void handleWithoutAnnotationIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TestHandles.Bare(1).key());
        assertTrue(e.getMessage().contains("not annotated with @HandleType"), e.getMessage());
    }

    @Test
    void writesResourcePropertyFirstThenComponents() throws Exception {
        String json = mapper.writeValueAsString(new FileDisk("/a.img", true));
        assertEquals("{\"resource\":\"disk_handle:file\",\"path\":\"/a.img\",\"readOnly\":true}", json);
    }

    @Test
    void nestedHandlesRoundTrip() throws Exception {
        ResourceHandle disk = new LayeredDisk(List.of(new RamLayer(1 << 20),
                new DiskLayer(new FileDisk("/base.img", true))));
        String json = HandleJson.prettyWriter(mapper).writeValueAsString(disk);
        assertTrue(json.contains("\"resource\" : \"disk_layer_handle:disk\""), json);
        ResourceHandle back = HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json);
        assertEquals(disk, back);
    }

    @Test
    void concreteTargetTypeReadsWithoutCatalog() throws Exception {
        String json = "{\"resource\":\"disk_handle:file\",\"path\":\"/x\",\"readOnly\":false}";
        FileDisk d = HandleJson.reader(mapper, HandleTypes.EMPTY).forType(FileDisk.class).readValue(json);
        assertEquals(new FileDisk("/x", false), d);
    }

    @Test
    void unknownResourceNamesKindAndId() {
        String json = "{\"resource\":\"disk_handle:foo\",\"path\":\"/x\"}";
        var e = assertThrows(InvalidTypeIdException.class,
                () -> HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
        assertEquals("unknown resource disk_handle:foo", e.getOriginalMessage());
        assertEquals("disk_handle:foo", e.getTypeId());
    }

    @Test
    void readerWithoutCatalogKnowsNothing() {
        String json = "{\"resource\":\"disk_handle:file\",\"path\":\"/x\",\"readOnly\":false}";
        var e = assertThrows(InvalidTypeIdException.class,
                () -> mapper.readerFor(ResourceHandle.class).readValue(json));
        assertTrue(e.getMessage().contains("unknown resource disk_handle:file"), e.getMessage());
    }

    @Test
    void unknownNestedResourceIsReportedWithPath() {
        String json = "{\"resource\":\"disk_handle:layered\",\"layers\":[{\"resource\":\"disk_layer_handle:ram\","
                + "\"size\":1},{\"resource\":\"disk_layer_handle:zstd\"}]}";
        var e = assertThrows(InvalidTypeIdException.class,
                () -> HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
        assertEquals("unknown resource disk_layer_handle:zstd", e.getOriginalMessage());
        assertEquals("layers", e.getPath().get(0).getFieldName());
        assertEquals(1, e.getPath().get(1).getIndex());
    }

    @Test
    void unknownPropertiesAreErrors() {
        String json = "{\"resource\":\"disk_handle:file\",\"path\":\"/x\",\"readOnly\":false,\"size\":3}";
        assertThrows(UnrecognizedPropertyException.class,
                () -> HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
    }

    @Test
    void catalogsMergeAndRejectClashes() {
        HandleTypes a = HandleTypes.of(FileDisk.class);
        HandleTypes b = HandleTypes.of(RamLayer.class, FileDisk.class);
        HandleTypes merged = a.merge(b);
        assertEquals(List.of("disk_handle:file", "disk_layer_handle:ram"), List.copyOf(merged.keys()));
        assertEquals(RamLayer.class, merged.find("disk_layer_handle", "ram").orElseThrow());
        var e = assertThrows(IllegalArgumentException.class,
                () -> a.merge(HandleTypes.of(TestHandles.FileDiskV2.class)));
        assertTrue(e.getMessage().contains("disk_handle:file is claimed by both"), e.getMessage());
    }
}
