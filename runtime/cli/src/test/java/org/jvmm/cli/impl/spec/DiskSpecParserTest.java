package org.jvmm.cli.impl.spec;

import static org.jvmm.cli.impl.spec.KeyValueSpecTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiskSpecParserTest {
    private final DiskSpecParser parser = new DiskSpecParser(Map.of(DiskKindParser.AUTO_CACHE_ENV, "/cache"));

    @Test
    void barePathIsAFile() throws SpecException {
        DiskSpec d = parser.parse("/images/disk.img");
        assertEquals(new DiskKindSpec.File("/images/disk.img", OptionalLong.empty(), false), d.kind());
        assertFalse(d.readOnly());
    }

    @Test
    void fileWithOptionsAndFlags() throws SpecException {
        DiskSpec d = parser.parse("file:disk.img;direct;create=1G,ro");
        assertEquals(new DiskKindSpec.File("disk.img", OptionalLong.of(1L << 30), true), d.kind());
        assertTrue(d.readOnly());
    }

    @Test
    void nestedLayers() throws SpecException {
        DiskKindSpec k = parser.parse("memdiff:sqldiff:diff.db;create:crypt:xts-aes-256:key.bin:file:base.img").kind();
        assertEquals(new DiskKindSpec.MemoryDiff(new DiskKindSpec.SqliteDiff("diff.db", true,
                new DiskKindSpec.Crypt("xts-aes-256", "key.bin",
                        new DiskKindSpec.File("base.img", OptionalLong.empty(), false)))), k);
    }

    @Test
    void memorySqliteBlobAutocachePrwrap() throws SpecException {
        assertEquals(new DiskKindSpec.Memory(1L << 30), parser.parse("mem:1G").kind());
        assertEquals(new DiskKindSpec.Sqlite("d.db", OptionalLong.of(2L << 20)), parser.parse("sql:d.db;create=2M").kind());
        assertEquals(new DiskKindSpec.Blob("vhd1", "http://h/x.vhd"), parser.parse("blob:vhd1:http://h/x.vhd").kind());
        assertEquals(new DiskKindSpec.AutoCache("/cache", Optional.empty(), new DiskKindSpec.Memory(4096)),
                parser.parse("autocache::mem:4K").kind());
        assertEquals(new DiskKindSpec.PersistentReservations(new DiskKindSpec.Memory(4096)),
                parser.parse("prwrap:mem:4K").kind());
    }

    @Test
    void controllerPlacement() throws SpecException {
        DiskSpec d = parser.parse("mem:1G,on=nvme0,nsid=3");
        assertEquals(Optional.of("nvme0"), d.controller());
        assertEquals(OptionalLong.of(3), d.nsid());
        DiskSpec r = parser.parse("mem:1G,on=scsi0,relay=vtl0:2");
        assertEquals(Optional.of(new DiskSpec.Relay("vtl0", OptionalLong.of(2))), r.relay());
        assertEquals(Optional.of(DiskSpec.Underhill.NVME), parser.parse("mem:1G,uh-nvme").underhill());
        assertTrue(parser.parse("mem:1G,dvd").readOnly());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bogus:x | invalid disk kind bogus",
        "mem:1X | invalid memory size '1X'",
        "file:x;sparse | invalid file option 'sparse', expected 'create=<len>' or 'direct'",
        "file: | missing file path",
        "sql:x;direct | 'direct' is not supported for 'sql' disks",
        "sqldiff:x | expected path[;opts]:kind",
        "sqldiff:x;make:mem:1G | invalid syntax after ';', expected 'create'",
        "blob:qcow:http://x | unknown blob kind qcow",
        "crypt:aes:k:mem:1G | invalid cipher: 'aes' (expected xts-aes-256)",
        "mem:1G,uh,uh-nvme | `uh` and `uh-nvme` are mutually exclusive",
        "mem:1G,uh,vtl2 | `uh` or `uh-nvme` is incompatible with `vtl2`",
        "mem:1G,dvd,pcie_port=p0 | `pcie_port` is incompatible with `uh`, `uh-nvme`, `vtl2`, and `dvd`",
        "mem:1G,on=c,pcie_port=p0 | `on` is incompatible with `pcie_port`",
        "mem:1G,nsid=1 | `nsid` requires `on`",
        "mem:1G,on=c,nsid=1,lun=2 | `nsid` and `lun` are mutually exclusive",
        "mem:1G,lun=300,on=c | invalid value for option 'lun': number '300' is out of range (0-255)",
        "mem:1G,relay=x | `relay` requires `on`",
        "mem:1G,rw | unknown option 'rw'; expected one of: 'ro', 'dvd', 'vtl2', 'uh', 'uh-nvme', 'pcie_port', 'on', 'nsid', 'lun', 'relay'",
    })
    void rejectsBadDisks(String value, String reason) {
        assertEquals(reason, message(() -> parser.parse(value)));
    }

    @Test
    void autocacheNeedsTheEnvironment() {
        DiskSpecParser noEnv = new DiskSpecParser(Map.of());
        assertEquals("must set cache path via OPENVMM_AUTO_CACHE_PATH", message(() -> noEnv.parse("autocache:k:mem:1G")));
    }

    @Test
    void ideFloppyAndVmgs() throws SpecException {
        parser.parseIde("mem:1G,ro,s,dvd");
        assertEquals("unknown option: 'x'", message(() -> parser.parseIde("mem:1G,x")));
        assertEquals(new DiskKindSpec.Memory(4096), parser.parseFloppy("mem:4K,ro"));
        assertEquals(new DiskKindSpec.Memory(SizeParser.VMGS_DEFAULT_CAPACITY), parser.parseVmgs("mem:VMGS_DEFAULT,fmt"));
        assertEquals("unknown option: 'format'", message(() -> parser.parseVmgs("mem:1M,format")));
    }
}
