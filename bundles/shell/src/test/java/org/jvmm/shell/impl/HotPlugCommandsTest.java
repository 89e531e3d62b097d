package org.jvmm.shell.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;
import org.jvmm.vmm.resource.impl.RegistryCore;

class HotPlugCommandsTest {
    @HandleType(kind = "virtio", id = "virtio-test")
    public record TestDevice(int size) implements ResourceHandle {
    }

    private static final class TestResolver implements ResourceResolver<TestDevice, Object> {
        @Override
        public Class<TestDevice> handleType() {
            return TestDevice.class;
        }

        @Override
        public Class<Object> outputType() {
            return Object.class;
        }

        @Override
        public Object resolve(TestDevice handle, ResolveContext ctx) {
            return new Object();
        }
    }

    private final List<String> seen = new ArrayList<>();
    private final FakeVmControl vm = new FakeVmControl() {
        @Override
        public String addPciDevice(String port, ResourceHandle device) {
            seen.add("add " + port + " " + device);
            return "01:00.0";
        }

        @Override
        public void removePciDevice(String port) {
            seen.add("remove " + port);
        }
    };

    private HotPlugCommands commands() {
        RegistryCore registry = new RegistryCore(null, (m, t) -> { });
        registry.register(new TestResolver(), "virtio", "virtio-test", "test-bundle", 7);
        CurrentVm current = new CurrentVm();
        current.bindVm(vm, Map.of());
        return new HotPlugCommands(registry, current);
    }

    @Test
    void hotplugReadsTheHandleWithTheRegistrysTypesAndAddsIt() {
        HotPlugCommands c = commands();
        assertEquals("virtio:virtio-test added at 01:00.0 behind rp0",
                c.hotplug("rp0", "{\"resource\":\"virtio:virtio-test\",\"size\":3}"));
        assertEquals(List.of("add rp0 TestDevice[size=3]"), seen);
        assertEquals("removed the device behind rp0", c.unplug("rp0"));
        assertEquals("remove rp0", seen.getLast());
    }

    @Test
    void aBadHandleIsOneClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands().hotplug("rp0", "{\"resource\":\"virtio:nope\"}"));
        assertTrue(e.getMessage().startsWith("not a device handle: "), e.getMessage());
        assertTrue(seen.isEmpty());
    }

    @Test
    void withoutAVmItSaysSo() {
        HotPlugCommands c = new HotPlugCommands(new RegistryCore(null, (m, t) -> { }), new CurrentVm());
        assertEquals(VmCommands.NO_VM, c.hotplug("rp0", "{}"));
        assertEquals(VmCommands.NO_VM, c.unplug("rp0"));
    }
}
