package org.jvmm.loader.linux.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.emu.impl.EmuHypervisor;
import org.jvmm.inspect.Inspectable;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.spi.BootContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the first instructions of tiny kernels on the emulator from the state the loader sets:
 * each kernel checks what its boot protocol promises and writes bytes to port 0xE9, then halts.
 */
class EmuBootTest {
    static final byte[] OUT_E9 = {0x66, (byte) 0xBA, (byte) 0xE9, 0x00, (byte) 0xEE}; // mov dx, 0xE9; out dx, al
    static final byte HLT = (byte) 0xF4;

    @TempDir
    Path dir;

    private String run(byte[] kernel, boolean pvh) throws Exception {
        Path k = TestVm.write(dir, "kernel", kernel);
        VmConfig config = TestVm.pc(new LoadMode.LinuxDirect(k.toString(), null, "", pvh), 64 * TestVm.MIB, 1);
        try (GuestMemory memory = GuestMemory.create(GuestMemoryLayout.pc(64 * TestVm.MIB));
                Partition partition = new EmuHypervisor().createPartition(
                        new PartitionConfig(1, memory, CpuModel.QEMU64, false))) {
            new LinuxBootLoader((LoadMode.LinuxDirect) config.load()).load(context(config, memory, partition));
            Port port = new Port();
            VpExit exit = partition.processor(0).run(port);
            assertInstanceOf(VpExit.Halted.class, exit, () -> exit + " after output " + port.out);
            return port.out.toString(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    @Test
    void bzImage64BitEntrySeesBootParamsThroughItsPageTables() throws Exception {
        byte[] code = new ByteWriter()
                .bytes(new byte[] {(byte) 0x8A, (byte) 0x86, 0x02, 0x02, 0, 0}).bytes(OUT_E9) // mov al, [rsi+0x202]
                .bytes(new byte[] {(byte) 0x8A, (byte) 0x86, (byte) 0xE8, 0x01, 0, 0})      // mov al, [rsi+0x1e8]
                .bytes(new byte[] {0x04, 0x30}).u8(0xEE).u8(HLT).toByteArray();               // add al, '0'; out
        BzImageBuilder bz = new BzImageBuilder();
        bz.payloadOffset = 0x200 + code.length;
        byte[] image = bz.build();
        System.arraycopy(code, 0, image, (bz.setupSects + 1) * 512 + 0x200, code.length);
        assertEquals("H5", run(image, false), "'H' of HdrS, then 5 e820 entries");
    }

    @Test
    void multibootEntryHasTheMagicAndTheInfoBlock() throws Exception {
        byte[] code = new ByteWriter()
                .bytes(new byte[] {0x3D, 0x02, (byte) 0xB0, (byte) 0xAD, 0x2B, 0x75, 0x0B})  // cmp eax, magic; jne fail
                .bytes(new byte[] {(byte) 0xB0, 'M'}).bytes(OUT_E9)                          // mov al, 'M'
                .bytes(new byte[] {(byte) 0x8A, 0x03, (byte) 0xEE, HLT})                     // mov al, [ebx]: flags
                .bytes(new byte[] {(byte) 0xB0, 'F'}).bytes(OUT_E9).u8(HLT).toByteArray();
        byte[] header = MultibootBootTest.header(0x10003, 0x10_0000, 0x10_0000, 0, 0, 0x10_0020);
        byte[] image = new ByteWriter().bytes(header).zeros(0x20 - header.length).bytes(code).toByteArray();
        assertEquals("MM", run(image, false), "'M', then the flags' low byte 0x4D");
    }

    @Test
    void pvhEntryFindsStartInfoAndTheCommandLine() throws Exception {
        byte[] code = new ByteWriter()
                .bytes(new byte[] {(byte) 0x81, 0x3B, 0x78, (byte) 0xC5, 0x6E, 0x33, 0x75, 0x0F}) // cmp [ebx], magic
                .bytes(new byte[] {(byte) 0xB0, 'P'}).bytes(OUT_E9)
                .bytes(new byte[] {(byte) 0x8B, 0x73, 0x18, (byte) 0x8A, 0x06, (byte) 0xEE, HLT}) // first cmdline byte
                .bytes(new byte[] {(byte) 0xB0, 'F'}).bytes(OUT_E9).u8(HLT).toByteArray();
        byte[] elf = new ElfBuilder(true).entry(0x100_0000).load(0x100_0000, 0x100_0000, code, code.length)
                .note("Xen", 18, new ByteWriter().u64(0x100_0000).toByteArray()).build();
        assertEquals("Pp", run(elf, false), "'P', then the 'p' of panic=-1");
    }

    private static BootContext context(VmConfig config, GuestMemory memory, Partition partition) {
        org.jvmm.chipset.api.FwCfgItems fwCfg = new org.jvmm.chipset.api.FwCfgItems();
        return new BootContext() {
            @Override
            public org.jvmm.chipset.api.FwCfgItems fwCfg() {
                return fwCfg;
            }

            @Override
            public GuestMemory memory() {
                return memory;
            }

            @Override
            public Partition partition() {
                return partition;
            }

            @Override
            public int processorCount() {
                return partition.processorCount();
            }

            @Override
            public LoadMode loadMode() {
                return config.load();
            }

            @Override
            public VmConfig config() {
                return config;
            }

            @Override
            public List<ChipsetDevice> chipsetDevices() {
                return List.of();
            }

            @Override
            public void publish(String name, Inspectable info) {
            }
        };
    }

    /** Collects bytes written to port 0xE9; everything else reads as ones and is dropped. */
    private static final class Port implements CpuIo {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public long ioRead(int vp, int port, int size) {
            return -1;
        }

        @Override
        public void ioWrite(int vp, int port, int size, long value) {
            if (port == 0xE9) {
                out.write((int) value);
            }
        }

        @Override
        public long mmioRead(int vp, long address, int size) {
            return -1;
        }

        @Override
        public void mmioWrite(int vp, long address, int size, long value) {
        }

        @Override
        public int acknowledgePicInterrupt() {
            return -1;
        }

        @Override
        public void handleEoi(int vector) {
        }
    }
}
