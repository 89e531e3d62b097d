package org.jvmm.cli.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed command lines: one line {@code jvmm: <option>: <reason>} on stderr, exit 2, nothing on stdout. */
class CliMainErrorsTest {
    @TempDir
    static Path dir;
    static String kernel;
    static String badJson;
    static String unknownResource;
    static String unknownField;
    static String badInvariant;

    @BeforeAll
    static void files() throws IOException {
        kernel = Files.writeString(dir.resolve("vmlinuz"), "kernel").toString();
        badJson = Files.writeString(dir.resolve("bad.json"), "{\"load\": ").toString();
        unknownResource = Files.writeString(dir.resolve("res.json"), """
                {"load": {"mode": "none"}, "memory": {"sizeBytes": 1048576}, "processors": 1,
                 "disks": [{"disk": {"resource": "disk_handle:sqlite", "path": "x"}, "readOnly": false,
                            "controller": "virtio", "pciePort": null}]}
                """).toString();
        unknownField = Files.writeString(dir.resolve("field.json"), """
                {"load": {"mode": "none"}, "memory": {"sizeBytes": 1048576}, "processors": 1, "cpus": 2}
                """).toString();
        badInvariant = Files.writeString(dir.resolve("inv.json"), """
                {"load": {"mode": "none"}, "memory": {"sizeBytes": 1048576}, "processors": 0}
                """).toString();
    }

    static Stream<Arguments> malformed() {
        String missing = dir.resolve("no-such-file").toString();
        List<Arguments> cases = new ArrayList<>(List.of(
                bad("--frobnicate", "unknown option", "--frobnicate"),
                bad("--frobnicate", "unknown option", "--frobnicate=1"),
                bad("vmlinuz", "unexpected argument (jvmm takes options only)", "vmlinuz"),
                bad("--memory", "missing value", "-m"),
                bad("--memory", "invalid memory size '5X'", "-m", "5X"),
                bad("--memory", "invalid memory size '1g'", "--memory=1g"),
                bad("--memory", "memory size 2K is below the minimum of 1M (sizes without a suffix are bytes)", "-m", "2048"),
                bad("--memory", "memory size 1048577 is not a multiple of 4K", "-m", "1048577"),
                bad("--memory", "memory size 2T is above the maximum of 1T", "-m", "2T"),
                bad("--memory", "given more than once", "-m", "1G", "-m", "2G"),
                bad("--memory", "shared, thp, hugepages and hugepage_size are not implemented yet (need memory backing"
                        + " options in bundle guestmem); size, file and prefetch are", "-m", "size=1G,hugepages"),
                bad("--processors", "processor count must be 1 to 256, got 0", "-p", "0"),
                bad("--processors", "processor count must be 1 to 256, got 257", "-p", "257"),
                bad("--processors", "invalid processor count 'two'", "--processors", "two"),
                bad("--kernel", "no such file '" + missing + "'", "--kernel", missing),
                bad("--kernel", "'" + dir + "' is not a regular file", "-k", dir.toString()),
                bad("--initrd", "no such file '" + missing + "'", "--kernel", kernel, "--initrd", missing),
                bad("--initrd", "needs --kernel (Linux direct boot)", "--initrd", kernel),
                bad("--cmdline", "needs --kernel (Linux direct boot)", "-c", "console=ttyS0"),
                bad("--pvh", "needs --kernel (Linux direct boot)", "--pvh"),
                bad("--config", "no such file '" + missing + "'", "--config", missing),
                bad("--plugins", "no such directory '" + missing + "'", "--plugins", missing),
                bad("--plugins", "'" + dir.resolve("vmlinuz") + "' is not a directory", "--plugins", dir.resolve("vmlinuz").toString()),
                bad("--plugins", "empty path", "--plugins", ""),
                bad("--plugins", "missing value", "--plugins"),
                bad("--plugins", "given more than once", "--plugins", dir.toString(), "--plugins", dir.toString()),
                bad("--disk", "invalid disk kind bogus", "--disk", "bogus:1G"),
                bad("--disk", "`on` is incompatible with `pcie_port`", "--disk", "mem:1G,on=c,pcie_port=p"),
                bad("--disk", "not implemented yet (needs bundle storage-disk and bundle storage-scsi)", "--disk", "mem:1G"),
                bad("--nvme", "dvd, pcie_port=, on=, nsid= and lun= are not implemented for --nvme yet", "--nvme", "mem:1G,pcie_port=rp0"),
                bad("--virtio-blk", "bad disk kind 'mem:1Q': invalid size '1Q'", "--virtio-blk", "memdiff:mem:1Q"),
                bad("--virtio-blk", "dvd is not a virtio-blk option", "--virtio-blk", "mem:1G,dvd"),
                bad("--virtio-net", "consomme is not implemented yet (needs bundle net-consomme)", "--virtio-net", "consomme"),
                bad("--pcie-root-port", "no root complex named 'rc9'", "--pcie-root-complex", "rc0",
                        "--pcie-root-port", "rc9:rp0"),
                bad("--pcie-root-port", "needs --pcie-root-complex", "--pcie-root-port", "rc0:rp0"),
                bad("--pcie-root-complex", "hdm is not implemented yet", "--pcie-root-complex", "rc0,hdm=1G"),
                bad("--pcie-root-complex", "jvmm has one root complex (segment 0) for now", "--pcie-root-complex", "a",
                        "--pcie-root-complex", "b"),
                bad("--virtio-rng-bus", "invalid value 'vpci' (expected one of: auto, mmio, pci)", "--virtio-rng", "--virtio-rng-bus", "vpci"),
                bad("--net", "invalid network backend 'tap' (expected consomme, dio, tap:<name>, loopback or none)", "--net", "tap"),
                bad("--com1", "invalid serial configuration: 'tty' is not a known option", "--com1", "tty"),
                bad("--com2", "invalid tcp address: invalid socket address 'localhost:23', expected ip:port",
                        "--com2", "listen=tcp:localhost:23"),
                bad("--com1", "term is not implemented yet", "--com1", "term"),
                bad("--debugcon", "invalid format (missing comma between port and serial)", "--debugcon", "0xe9"),
                bad("--debugcon", "port '0x10000' is out of range (0-65535)", "--debugcon", "0x10000,stderr"),
                bad("--debugcon", "invalid port 'e9'", "--debugcon", "e9,stderr"),
                bad("--debugcon", "invalid serial configuration: 'debugger-mode:stderr' is not a known option",
                        "--debugcon", "0xe9,debugger-mode:stderr"),
                bad("--debugcon", "term is not implemented yet", "--debugcon", "0xe9,term"),
                bad("--debugcon", "'" + dir.resolve("vmlinuz") + "' already exists (listen=PATH creates a Unix socket there)",
                        "--debugcon", "0xe9,listen=" + dir.resolve("vmlinuz")),
                bad("--com2", "directory of '" + dir.resolve("no/com2.sock") + "' does not exist",
                        "--com2", "listen=" + dir.resolve("no/com2.sock")),
                bad("--debugcon", "directory of '" + dir.resolve("no-such-file/d.log") + "' does not exist", "--debugcon",
                        "0xe9,file=" + dir.resolve("no-such-file/d.log")),
                bad("--debugcon", "console already set by COM1", "--debugcon", "0xe9,console"),
                bad("--com2", "console already set by COM1", "--com2", "console"),
                bad("--debug-exit", "missing value", "--debug-exit"),
                bad("--debug-exit", "invalid port 'exit'", "--debug-exit", "exit"),
                bad("--debug-exit", "port '0xffff' is out of range (0-65534)", "--debug-exit", "0xffff"),
                bad("--debug-exit", "port '70000' is out of range (0-65534)", "--debug-exit", "70000"),
                bad("--debug-exit", "given more than once", "--debug-exit", "0x501", "--debug-exit", "0x502"),
                bad("--hypervisor", "unknown hypervisor 'hvf' (expected emu, kvm or whp)", "--hypervisor", "hvf"),
                bad("--hypervisor", "whp parameter 'user_mode_apic' is not implemented yet (needs bundle hv-whp)",
                        "--hypervisor", "whp:user_mode_apic"),
                bad("--paused", "takes no value", "--paused=true"),
                bad("--smt", "invalid value 'on' (expected one of: auto, force, off)", "--smt", "on"),
                bad("--virtio-vsock-vhost-cid", "CID must be between 3 and 4294967294", "--virtio-vsock-vhost-cid", "2"),
                bad("--uefi", "not implemented yet (needs bundle firmware-uefi)", "-e"),
                bad("--internal-worker", "not supported by jvmm (an OpenVMM multi-process internal; jvmm runs in one process)",
                        "--internal-worker"),
                bad("--memory-backing-file", "conflicts with --memory file=...", "--memory-backing-file",
                        dir.resolve("a.ram").toString(), "-m", "file=" + dir.resolve("b.ram"))));
        cases.add(bad("--config", badJson + ": invalid JSON at line 1 column 10: Unexpected end-of-input within/between Object entries",
                "--config", badJson));
        cases.add(bad("--config", unknownResource + ": unknown resource disk_handle:sqlite at disks[0].disk"
                + " — install or start bundle storage-disk", "--config", unknownResource));
        cases.add(bad("--config", unknownField + ": unknown field \"cpus\"", "--config", unknownField));
        cases.add(bad("--config", badInvariant + ": processors: must be 1..256, got 0", "--config", badInvariant));
        return cases.stream();
    }

    private static Arguments bad(String option, String reason, String... args) {
        return Arguments.of(option, reason, args);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void oneLineExitTwo(String option, String reason, String[] args) {
        CliRun run = CliRun.of(args);
        assertEquals("jvmm: " + option + ": " + reason + System.lineSeparator(), run.err);
        assertEquals(2, run.status);
        assertEquals("", run.out);
        assertTrue(run.launched.isEmpty());
    }
}
