package org.jvmm.storage.disk.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiskSpecParserTest {
    private final DiskSpecParser parser = new DiskSpecParser(Map.of(DiskSpecParser.AUTO_CACHE_ENV, "/cache"));

    @Test
    void bareAndFilePaths() {
        assertEquals(FileDiskHandle.of("/img/a.raw", false), parser.parse("/img/a.raw").disk());
        assertEquals(FileDiskHandle.of("a.raw", true), parser.parse("file:a.raw,ro").disk());
        assertEquals(new FileDiskHandle("a.raw", false, 1L << 30, true, 0), parser.parse("file:a.raw;direct;create=1G").disk());
        assertEquals(FileDiskHandle.of("/odd:name.img", false), parser.parse("/odd:name.img").disk(),
                "a rooted path with a colon is still a file");
    }

    @Test
    void memoryDisksAreRamLayers() {
        assertEquals(LayeredDiskHandle.of(false, RamLayerHandle.of(1L << 30)), parser.parse("mem:1G").disk());
        assertEquals(LayeredDiskHandle.of(false, RamLayerHandle.of(512L << 20)), parser.parse("mem:512MB").disk());
        assertEquals(LayeredDiskHandle.of(false, RamLayerHandle.diff(), new DiskLayerHandle(FileDiskHandle.of("b.img", true))),
                parser.parse("memdiff:file:b.img").disk(), "the lower disk opens read-only");
    }

    @Test
    void sqliteKinds() {
        assertEquals(LayeredDiskHandle.of(false, new SqliteLayerHandle("d.dbhd", new SqliteFormat(false, 4L << 20, 0))),
                parser.parse("sql:d.dbhd;create=4M").disk());
        assertEquals(LayeredDiskHandle.of(true, SqliteLayerHandle.open("d.dbhd")), parser.parse("sql:d.dbhd,ro").disk());
        assertEquals(LayeredDiskHandle.of(false, new SqliteLayerHandle("x.dbhd", new SqliteFormat(false, null, 0)),
                new DiskLayerHandle(FileDiskHandle.of("b.img", true))), parser.parse("sqldiff:x.dbhd;create:file:b.img").disk());
        assertEquals(LayeredDiskHandle.of(false, SqliteLayerHandle.open("x.dbhd"), RamLayerHandle.of(1L << 20)),
                parser.parse("sqldiff:x.dbhd:mem:1M").disk(), "layers of the lower kind join the stack");
    }

    @Test
    void autocacheTakesItsDirectoryFromTheEnvironment() {
        LayeredDiskHandle h = (LayeredDiskHandle) parser.parse("autocache::file:b.img,ro").disk();
        assertEquals(List.of(new DiskLayerDescription(new SqliteAutoCacheLayerHandle("/cache", null), true, false),
                DiskLayerDescription.of(new DiskLayerHandle(FileDiskHandle.of("b.img", true)))), h.layers());
        assertTrue(h.readOnly());
        LayeredDiskHandle keyed = (LayeredDiskHandle) parser.parse("autocache:k:file:b.img").disk();
        assertEquals(new SqliteAutoCacheLayerHandle("/cache", "k"), keyed.layers().getFirst().layer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiskSpecParser(Map.of()).parse("autocache::file:b.img"));
        assertTrue(e.getMessage().contains(DiskSpecParser.AUTO_CACHE_ENV), e.getMessage());
    }

    @Test
    void wrappersNestDisks() {
        assertEquals(new CryptDiskHandle(FileDiskHandle.of("c.img", false), "xts-aes-256", "/k/key"),
                parser.parse("crypt:xts-aes-256:/k/key:file:c.img").disk());
        assertEquals(new DelayDiskHandle(LayeredDiskHandle.of(true, RamLayerHandle.diff(),
                        new DiskLayerHandle(FileDiskHandle.of("c.img", true))), 20),
                parser.parse("delay:20:memdiff:c.img,ro").disk());
        assertEquals(LayeredDiskHandle.of(false, RamLayerHandle.diff(), new Qcow2LayerHandle("a.qcow2")),
                parser.parse("memdiff:qcow2:a.qcow2").disk());
    }

    @Test
    void flags() {
        DiskSpec s = parser.parse("mem:1G,dvd");
        assertTrue(s.readOnly() && s.dvd());
        assertEquals(LayeredDiskHandle.of(true, RamLayerHandle.of(1L << 30)), s.disk(), "dvd implies read-only");
        DiskSpec n = parser.parse("file:a.img,on=nvme0,nsid=2");
        assertEquals(Optional.of("nvme0"), n.controller());
        assertEquals(OptionalLong.of(2), n.nsid());
        assertEquals(OptionalInt.empty(), n.lun());
        assertFalse(n.readOnly());
        assertEquals(Optional.of("rp0"), parser.parse("a.img,pcie_port=rp0").pciePort());
        assertEquals(OptionalInt.of(3), parser.parse("a.img,on=scsi0,lun=3").lun());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                 | empty disk spec",
        "mem:12X                            | bad disk kind 'mem:12X': invalid size '12X'",
        "mem:                               | bad disk kind 'mem:': invalid size ''",
        "mem:1000                           | must be a positive multiple of 512",
        "mem:99999999999T                   | size '99999999999T' is too large",
        "foo:bar                            | unknown disk kind 'foo'",
        "file:                              | missing file path",
        "file:a;fast                        | invalid file option 'fast'",
        "sql:a;direct                       | 'direct' is not supported for 'sql' disks",
        "sqldiff:a.dbhd                     | expected sqldiff:PATH[;create]:DISK",
        "sqldiff:a;new:file:b               | invalid option 'new' after ';'",
        "memdiff:                           | bad disk kind 'memdiff:': missing DISK",
        "memdiff:mem:1Q                     | bad disk kind 'mem:1Q': invalid size '1Q'",
        "crypt:aes:k:file:b                 | invalid cipher 'aes'",
        "crypt:xts-aes-256:k                | expected crypt:CIPHER:KEYFILE:DISK",
        "delay:soon:file:b                  | invalid delay 'soon'",
        "delay:-5:file:b                    | delayMillis must be 0..3600000",
        "blob:flat:http://x/y               | not supported by jvmm yet",
        "prwrap:file:b                      | 'prwrap'",
        "a.img,rw                           | bad disk 'a.img,rw': unknown option 'rw'",
        "a.img,ro,ro                        | option 'ro' given twice",
        "a.img,ro=1                         | flag 'ro' takes no value",
        "a.img,vtl2                         | option 'vtl2' needs OpenHCL",
        "a.img,nsid=1                       | 'nsid' requires 'on'",
        "a.img,on=c,nsid=0                  | 'nsid' must be 1..4294967294",
        "a.img,on=c,lun=x                   | 'lun' is not a number: 'x'",
        "a.img,on=c,nsid=1,lun=1            | 'nsid' and 'lun' are mutually exclusive",
        "a.img,on=c,pcie_port=p             | 'on' is incompatible with 'pcie_port'",
        "a.img,on=                          | option 'on' needs a value",
    })
    void malformedSpecsNameTheWrongPart(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.parse(spec));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }
}
