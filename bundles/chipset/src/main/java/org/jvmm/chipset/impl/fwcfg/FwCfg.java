package org.jvmm.chipset.impl.fwcfg;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;

/**
 * fw_cfg's selector, byte-wide data register and DMA engine. A DMA descriptor (big-endian control,
 * length, address) is read from guest memory, the transfer done at once (reads past the item's end
 * give zeros; writes are refused) and the control word written back as 0 or the error bit. Not
 * thread-safe.
 */
final class FwCfg {
    static final int CTL_ERROR = 0x01, CTL_READ = 0x02, CTL_SKIP = 0x04, CTL_SELECT = 0x08, CTL_WRITE = 0x10;
    static final int WRITE_CHANNEL = 0x4000;
    private static final int PAGE = 4096;

    private final FwCfgItems items;
    private final GuestMemory memory;
    private final byte[] chunk = new byte[PAGE];
    private int selector;
    private byte[] current;
    private long offset;
    private int dmaHigh;
    private long dmaTransfers;
    private long dmaErrors;

    FwCfg(FwCfgItems items, GuestMemory memory) {
        this.items = items;
        this.memory = memory;
        reset();
    }

    void reset() {
        select(FwCfgItems.SIGNATURE);
        dmaHigh = 0;
    }

    FwCfgState state() {
        return new FwCfgState(selector, offset, dmaHigh);
    }

    /** Selects the saved key among this device's items and takes the saved offset and DMA high half. */
    void restore(FwCfgState s) {
        select(s.selector());
        offset = s.offset();
        dmaHigh = s.dmaHigh();
    }

    void select(int key) {
        selector = key & 0xFFFF & ~WRITE_CHANNEL;
        current = items.get(selector).orElse(null);
        offset = 0;
    }

    int readData() {
        if (current == null || offset >= current.length) {
            return 0;
        }
        return current[(int) offset++] & 0xFF;
    }

    void writeDmaHigh(int v) {
        dmaHigh = v;
    }

    /** Writing the low half of the descriptor address starts the transfer. */
    void writeDmaLow(int v) {
        long address = (long) dmaHigh << 32 | (v & 0xFFFF_FFFFL);
        dmaHigh = 0;
        runDma(address);
    }

    private void runDma(long descriptor) {
        byte[] raw = new byte[16];
        if (!memory.tryRead(descriptor, raw, 0, raw.length)) {
            dmaErrors++; // nowhere to report it: the descriptor itself is not RAM
            return;
        }
        ByteBuffer d = ByteBuffer.wrap(raw);
        int control = d.getInt();
        long length = d.getInt() & 0xFFFF_FFFFL;
        long address = d.getLong();
        if ((control & CTL_SELECT) != 0) {
            select(control >>> 16);
        }
        boolean ok;
        if ((control & CTL_READ) != 0) {
            ok = read(address, length);
        } else if ((control & CTL_WRITE) != 0) {
            ok = false;
        } else {
            ok = true;
            if ((control & CTL_SKIP) != 0) {
                offset += length;
            }
        }
        dmaTransfers++;
        if (!ok) {
            dmaErrors++;
        }
        byte[] status = ByteBuffer.allocate(4).putInt(ok ? 0 : CTL_ERROR).array();
        if (!memory.tryWrite(descriptor, status, 0, 4)) {
            dmaErrors++;
        }
    }

    /** Copies the item from the current offset to guest memory, page by page, zeros past its end. */
    private boolean read(long address, long length) {
        long done = 0;
        while (done < length) {
            long gpa = address + done;
            int n = (int) Math.min(length - done, PAGE - (gpa & (PAGE - 1)));
            long available = current == null ? 0 : Math.max(0, current.length - offset);
            int fromItem = (int) Math.min(n, available);
            if (fromItem > 0) {
                System.arraycopy(current, (int) offset, chunk, 0, fromItem);
            }
            Arrays.fill(chunk, fromItem, n, (byte) 0);
            if (!memory.tryWrite(gpa, chunk, 0, n)) {
                return false;
            }
            offset += n;
            done += n;
        }
        return true;
    }

    void inspect(InspectNode node) {
        node.hex("selector", selector).field("item_length", current == null ? -1 : current.length)
                .field("offset", offset).field("dma_transfers", dmaTransfers).field("dma_errors", dmaErrors)
                .field("files", String.join(", ", items.fileNames()));
    }
}
