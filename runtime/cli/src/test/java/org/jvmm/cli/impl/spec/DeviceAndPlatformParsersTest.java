package org.jvmm.cli.impl.spec;

import static org.jvmm.cli.impl.spec.KeyValueSpecTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceAndPlatformParsersTest {
    @Test
    void hypervisorNamesAndParameters() throws SpecException {
        assertEquals(new HypervisorSpec("kvm", Set.of()), HypervisorSpecParser.parse("kvm"));
        assertEquals(new HypervisorSpec("kvm", Set.of("force")), HypervisorSpecParser.parse("kvm:force"));
        assertEquals(new HypervisorSpec("whp", Set.of("user_mode_apic", "no_enlightenments")),
                HypervisorSpecParser.parse("whp:user_mode_apic,no_enlightenments"));
        assertEquals("unknown hypervisor 'mshv' (expected emu, kvm or whp)", message(() -> HypervisorSpecParser.parse("mshv")));
        assertEquals("unknown emu parameter 'fast' (emu takes none)", message(() -> HypervisorSpecParser.parse("emu:fast")));
        assertEquals("duplicate kvm parameter 'force'", message(() -> HypervisorSpecParser.parse("kvm:force,force")));
    }

    @Test
    void pcieTopology() throws SpecException {
        PcieSpecParsers.rootComplex("rc0,segment=0,start_bus=0,end_bus=255,low_mmio=4M,high_mmio=1G,low_mmio_base=0xf0000000");
        PcieSpecParsers.rootPort("rc0:rp0,addr=5.1,hotplug,acs=0x1f");
        PcieSpecParsers.pcieSwitch("rp0:sw0,num_downstream_ports=2");
        assertEquals(5 << 3 | 1, PcieSpecParsers.devfn("0x5.1"));
        assertEquals("start_bus must be <= end_bus", message(() -> PcieSpecParsers.rootComplex("rc0,start_bus=9,end_bus=1")));
        assertEquals("low MMIO size exceeds 32 bits", message(() -> PcieSpecParsers.rootComplex("rc0,low_mmio=8G")));
        assertEquals("invalid value for option 'hdm_window_restrictions': bitmask includes reserved CFMWS window restriction bits",
                message(() -> PcieSpecParsers.rootComplex("rc0,hdm_window_restrictions=0x40")));
        assertEquals("expected child name", message(() -> PcieSpecParsers.rootPort("rc0")));
        assertEquals("invalid value for option 'addr': device number 32 out of range (0-31)",
                message(() -> PcieSpecParsers.rootPort("rc0:rp0,addr=32")));
        assertEquals("PCI address must not contain path separators", message(() -> PcieSpecParsers.vfio("host=../x,port=rp0")));
        assertEquals("invalid value for option 'bar0': BAR address must be nonzero",
                message(() -> PcieSpecParsers.vfio("host=0000:01:00.0,port=rp0,bar0=0x0")));
    }

    @Test
    void deviceOptions() throws SpecException {
        DeviceSpecParsers.nvmeController("id=nvme0,vpci=008091f6-9688-497d-9091-af347dc9173c");
        DeviceSpecParsers.vhostUser("/tmp/v.sock,type=fs,tag=myfs,num_queues=2");
        DeviceSpecParsers.cxlTest("mem:1G,pcie_port=rp0");
        assertEquals("exactly one of 'pcie_port' or 'vpci' must be specified",
                message(() -> DeviceSpecParsers.nvmeController("id=n,pcie_port=p,vpci")));
        assertEquals("invalid value for option 'vpci': invalid GUID 'xyz'", message(() -> DeviceSpecParsers.nvmeController("id=n,vpci=xyz")));
        assertEquals("type=fs requires tag=<name>", message(() -> DeviceSpecParsers.vhostUser("/s,type=fs")));
        assertEquals("must specify type=<name> or device_id=<N>", message(() -> DeviceSpecParsers.vhostUser("/s")));
        assertEquals("CID must be between 3 and 4294967294", message(() -> DeviceSpecParsers.vsockCid("2")));
        assertEquals("expected [pcie_port=<port>:]<tag>,<path>", message(() -> DeviceSpecParsers.fsArgs("pcie_port=p:tag")));
        assertEquals("`pcie_port=<name>` is required for `--cxl-test`", message(() -> DeviceSpecParsers.cxlTest("mem:1G")));
    }

    @Test
    void platformOptions() throws SpecException {
        PlatformSpecParsers.powerAction("exit:3");
        PlatformSpecParsers.vtl2Relocation("absolute=0x200000");
        PlatformSpecParsers.pcatBootOrder("floppy,optical");
        PlatformSpecParsers.vmbusVersion("5.3");
        PlatformSpecParsers.listenAddress("[::1]:5900");
        PlatformSpecParsers.listenAddress("0.0.0.0");
        PlatformSpecParsers.rpc("path=/tmp/s,transport=grpc");
        assertEquals("invalid exit code '256' (expected 0-255)", message(() -> PlatformSpecParsers.powerAction("exit:256")));
        assertEquals("expected reset, halt, exit, or exit:<code>, got 'reboot'", message(() -> PlatformSpecParsers.powerAction("reboot")));
        assertEquals("cannot pass duplicate boot devices", message(() -> PlatformSpecParsers.pcatBootOrder("hdd,hdd")));
        assertEquals("invalid vmbus version '5'", message(() -> PlatformSpecParsers.vmbusVersion("5")));
        assertEquals("invalid value for option 'transport': invalid value 'http' (expected one of: auto, ttrpc, grpc)",
                message(() -> PlatformSpecParsers.rpc("path=/s,transport=http")));
        assertEquals("invalid IP address 'localhost'", message(() -> PlatformSpecParsers.listenAddress("localhost")));
    }
}
