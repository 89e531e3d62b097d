package org.jvmm.vm.worker.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.VmState;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class VmWorkerComponentTest {
    /** Services registered through the fake bundle context: name -> service, until unregistered. */
    private final Map<String, Object> services = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    assertSame(VmControl.class, args[0]);
                    String name = (String) ((Dictionary<?, ?>) args[2]).get("vm.name");
                    services.put(name, args[1]);
                    events.add("registered " + name);
                    return registration(name);
                });
    }

    private ServiceRegistration<?> registration(String name) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("unregister")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    services.remove(name);
                    events.add("unregistered " + name);
                    return null;
                });
    }

    @Test
    void eachLaunchedVmIsAServiceNamedInSequenceUntilItStops() throws Exception {
        WorkerFixture f = new WorkerFixture().withEmu();
        VmWorkerComponent worker = new VmWorkerComponent(f.registry, context());
        VmControl first = worker.launch(WorkerFixture.config().build());
        VmControl second = worker.launch(WorkerFixture.config().build());
        assertSame(first, services.get("vm1"));
        assertSame(second, services.get("vm2"));
        first.start();
        first.stop();
        assertEquals(List.of("registered vm1", "registered vm2", "unregistered vm1"), events);
        worker.deactivate();
        assertEquals(VmState.STOPPED, second.state());
        assertEquals("the VM worker stopped", second.stopReason().orElseThrow());
        assertTrue(services.isEmpty());
        assertEquals(4, events.size(), "each VM is unregistered once");
    }

    @Test
    void aFailedLaunchRegistersNothing() {
        WorkerFixture f = new WorkerFixture();
        VmWorkerComponent worker = new VmWorkerComponent(f.registry, context());
        assertThrows(VmLaunchException.class, () -> worker.launch(WorkerFixture.config().build()));
        assertTrue(events.isEmpty());
    }
}
