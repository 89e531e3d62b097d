package org.jvmm.vm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VmConfigErrorsTest {
    private static final String LOAD = "\"load\":{\"mode\":\"none\"}";
    private static final String MEMORY = "\"memory\":{\"sizeBytes\":1048576}";
    private static final String BASE = LOAD + "," + MEMORY + ",\"processors\":1";
    private static final String DISK = "{\"resource\":\"disk_handle:file\",\"path\":\"/d\",\"readOnly\":false}";

    private static String error(String json) {
        VmConfigException e = assertThrows(VmConfigException.class, () -> VmConfigJson.read(json, TestHandles.TYPES));
        String msg = e.getMessage();
        assertFalse(msg.contains("\n"), msg);
        assertFalse(msg.contains("\tat "), msg);
        return msg;
    }

    @Test
    void truncatedJson() {
        String msg = error("{" + LOAD + ",\n\"memory\": ");
        assertTrue(msg.startsWith("config: invalid JSON at line 2 column 11: Unexpected end-of-input"), msg);
    }

    @Test
    void syntaxError() {
        String msg = error("{\n  \"load\" {}\n}");
        assertTrue(msg.startsWith("config: invalid JSON at line 2 column 10: Unexpected character ('{'"), msg);
    }

    @Test
    void emptyInput() {
        assertEquals("config: empty input", error(""));
    }

    @Test
    void trailingGarbage() {
        String msg = error("{" + BASE + "} []");
        assertTrue(msg.startsWith("config: Trailing token"), msg);
    }

    @Test
    void unknownResourceNamesKindIdAndPath() {
        assertEquals("config: unknown resource disk_handle:foo at disks[0].disk",
                error("{" + BASE + ",\"disks\":[{\"disk\":{\"resource\":\"disk_handle:foo\"},\"controller\":\"virtio\"}]}"));
    }

    @Test
    void unknownSerialBackend() {
        assertEquals("config: unknown resource serial_handle:pipe at serial[0].backend",
                error("{" + BASE + ",\"serial\":[{\"index\":0,\"backend\":{\"resource\":\"serial_handle:pipe\"}}]}"));
    }

    @Test
    void missingResourceProperty() {
        assertEquals("config: missing \"resource\" property at disks[0].disk",
                error("{" + BASE + ",\"disks\":[{\"disk\":{\"path\":\"/d\"},\"controller\":\"virtio\"}]}"));
    }

    @Test
    void unknownLoadMode() {
        assertEquals("config: unknown load mode pxe (linux, uefi or none) at load",
                error("{\"load\":{\"mode\":\"pxe\"}," + MEMORY + ",\"processors\":1}"));
    }

    @Test
    void unknownField() {
        assertEquals("config: unknown field \"bogus\" at disks[0]",
                error("{" + BASE + ",\"disks\":[{\"disk\":" + DISK + ",\"controller\":\"virtio\",\"bogus\":1}]}"));
        assertEquals("config: unknown field \"cpus\"", error("{" + BASE + ",\"cpus\":2}"));
    }

    @Test
    void wrongValueType() {
        String msg = error("{" + LOAD + "," + MEMORY + ",\"processors\":\"many\"}");
        assertTrue(msg.startsWith("config: Cannot "), msg);
        assertTrue(msg.endsWith(" at processors"), msg);
    }

    @Test
    void processorInvariant() {
        assertEquals("processors: must be 1..256, got 0", error("{" + LOAD + "," + MEMORY + ",\"processors\":0}"));
    }

    @Test
    void memoryInvariant() {
        assertEquals("memory.sizeBytes: must be a positive multiple of 4096, got 1000",
                error("{" + LOAD + ",\"memory\":{\"sizeBytes\":1000},\"processors\":1}"));
    }

    @Test
    void requiredTopLevelField() {
        assertEquals("memory: required", error("{" + LOAD + ",\"processors\":1}"));
    }

    @Test
    void nestedInvariantGetsItsPath() {
        assertEquals("disks[0].controller: must be one of [ide, nvme, virtio], got scsi",
                error("{" + BASE + ",\"disks\":[{\"disk\":" + DISK + ",\"controller\":\"scsi\"}]}"));
        assertEquals("serial[0].backend.path: must not be blank",
                error("{" + BASE + ",\"serial\":[{\"index\":0,\"backend\":{\"resource\":\"serial_handle:file\","
                        + "\"path\":\" \"}}]}"));
        assertEquals("load.kernel: must not be blank",
                error("{\"load\":{\"mode\":\"linux\"}," + MEMORY + ",\"processors\":1}"));
    }

    @Test
    void crossFieldInvariant() {
        String port = "{\"index\":0,\"backend\":{\"resource\":\"serial_handle:stderr\"}}";
        assertEquals("serial: COM1 configured twice", error("{" + BASE + ",\"serial\":[" + port + "," + port + "]}"));
    }
}
