package org.jvmm.chipset.impl.fwcfg;

import static org.jvmm.chipset.impl.SavedFields.readInt;
import static org.jvmm.chipset.impl.SavedFields.readLong;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * fw_cfg's saved state: the selected item, the read offset into it and the DMA address's high half
 * written so far. The items' contents are configuration, not state: a restored device selects the
 * same key among the items it was built with.
 */
record FwCfgState(int selector, long offset, int dmaHigh) {

    void write(DataOutputStream out) throws IOException {
        out.writeInt(selector);
        out.writeLong(offset);
        out.writeInt(dmaHigh);
    }

    static FwCfgState read(DataInputStream in) throws IOException {
        int selector = readInt(in, "selector", 0, 0xFFFF);
        if ((selector & FwCfg.WRITE_CHANNEL) != 0) {
            throw new IOException("selector 0x" + Integer.toHexString(selector) + " has the write channel bit set");
        }
        return new FwCfgState(selector, readLong(in, "offset", 0, Long.MAX_VALUE), in.readInt());
    }
}
