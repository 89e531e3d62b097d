package org.jvmm.devices.virtio.impl.configspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfigBytesTest {
    private static final byte[] CONFIG = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, (byte) 0x88, 0x09};

    @Test
    void readsLittleEndianOfEverySize() {
        assertEquals(0x02, ConfigBytes.read(CONFIG, 1, 1));
        assertEquals(0x0302, ConfigBytes.read(CONFIG, 1, 2));
        assertEquals(0x05040302L, ConfigBytes.read(CONFIG, 1, 4));
        assertEquals(0x8807060504030201L, ConfigBytes.read(CONFIG, 0, 8));
    }

    @Test
    void bytesPastTheArrayReadAsZero() {
        assertEquals(0x09, ConfigBytes.read(CONFIG, 8, 4));
        assertEquals(0, ConfigBytes.read(CONFIG, 9, 2));
        assertEquals(0, ConfigBytes.read(new byte[0], 0, 8));
    }
}
