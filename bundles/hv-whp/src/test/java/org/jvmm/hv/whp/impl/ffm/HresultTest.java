package org.jvmm.hv.whp.impl.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HresultTest {
    @Test
    void commonCodesHaveNames() {
        assertEquals("0x80070057 (E_INVALIDARG)", Hresult.describe(0x80070057));
        assertEquals("0x80370304 (WHV_E_INVALID_PARTITION_CONFIG)", Hresult.describe(0x80370304));
        assertEquals("0x8007007A (HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER))", Hresult.describe(0x8007007A));
    }

    @Test
    void familiesWithoutANameAreStillDescribed() {
        assertEquals("0x80070002 (HRESULT_FROM_WIN32(2))", Hresult.describe(0x80070002));
        assertEquals("0xC0350005 (hypervisor status 0x5)", Hresult.describe(0xC0350005));
        assertEquals("0x12345678", Hresult.describe(0x12345678));
    }

    @Test
    void successIsNotFailure() {
        assertFalse(Hresult.failed(Hresult.S_OK));
        assertFalse(Hresult.failed(1));
        assertTrue(Hresult.failed(0x80004005));
    }

    @Test
    void exceptionNamesFunctionDetailAndHresult() throws WhpException {
        WhpException e = new WhpException("WHvSetPartitionProperty", 0x80370302, "property 0x1fff, value 0x4");
        assertEquals("WHvSetPartitionProperty (property 0x1fff, value 0x4) failed: HRESULT 0x80370302 "
                + "(WHV_E_UNKNOWN_PROPERTY)", e.getMessage());
        assertEquals("WHvSetPartitionProperty", e.function());
        assertEquals(0x80370302, e.hresult());
        WhpException.check("WHvSetupPartition", 0);
        assertEquals("WHvSetupPartition failed: HRESULT 0x80004005 (E_FAIL)",
                assertThrows(WhpException.class, () -> WhpException.check("WHvSetupPartition", 0x80004005)).getMessage());
    }
}
