package org.jvmm.storage.disk.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

class HandleJsonTest {
    @Test
    void nestedHandlesRoundTrip() throws Exception {
        ResourceHandle h = new DiskSpecParser(Map.of(DiskSpecParser.AUTO_CACHE_ENV, "/c"))
                .parse("delay:5:crypt:xts-aes-256:/k:autocache:key:sqldiff:d.dbhd;create:memdiff:qcow2:/q.qcow2,ro").disk();
        ObjectMapper m = HandleJson.mapper();
        String json = m.writeValueAsString(h);
        assertTrue(json.contains("\"resource\":\"disk_handle:delay\""), json);
        assertTrue(json.contains("\"resource\":\"disk_layer_handle:sqlite-autocache\""), json);
        ResourceHandle back = HandleJson.reader(m, DiskHandleTypes.all()).forType(ResourceHandle.class).readValue(json);
        assertEquals(h, back);
    }

    @Test
    void theCatalogNamesEveryHandle() {
        assertEquals(10, DiskHandleTypes.all().size());
        assertTrue(DiskHandleTypes.all().find("disk_layer_handle", "qcow2").isPresent());
    }
}
