package org.jvmm.shell.impl;

import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code vm:*} commands. Each returns an object the shell prints; with no VM they return
 * {@value #NO_VM}. A command the VM's state does not allow fails with the VM's message
 * ({@code cannot resume: VM is running}).
 */
@Component(service = VmCommands.class, property = {
    "osgi.command.scope=vm",
    "osgi.command.function=status", "osgi.command.function=pause", "osgi.command.function=resume",
    "osgi.command.function=reset", "osgi.command.function=nmi", "osgi.command.function=inspect",
    "osgi.command.function=readmemory", "osgi.command.function=writememory", "osgi.command.function=quit",
    "osgi.command.function=resolvers"})
public class VmCommands {
    static final String NO_VM = "no VM is running";

    /** Stops the OSGi framework (bundle 0). */
    @FunctionalInterface
    interface FrameworkStopper {
        void stop() throws Exception;
    }

    private final ResolverRegistry registry;
    private final CurrentVm current;
    private final FrameworkStopper stopper;

    @Activate
    public VmCommands(@Reference(name = "registry") ResolverRegistry registry,
            @Reference(name = "current") CurrentVm current, BundleContext context) {
        this(registry, current, () -> context.getBundle(0).stop());
    }

    VmCommands(ResolverRegistry registry, CurrentVm current, FrameworkStopper stopper) {
        this.registry = registry;
        this.current = current;
        this.stopper = stopper;
    }

    @Descriptor("show the state of the VM")
    public Object status() {
        return current.vm().<Object>map(VmCommands::status).orElse(NO_VM);
    }

    @Descriptor("pause every processor of the VM")
    public Object pause() {
        return act(VmControl::pause);
    }

    @Descriptor("resume a paused VM")
    public Object resume() {
        return act(VmControl::resume);
    }

    @Descriptor("reset the VM's processors and devices and load the guest again")
    public Object reset() {
        return act(VmControl::reset);
    }

    @Descriptor("send a non-maskable interrupt to processor 0")
    public Object nmi() {
        return nmi(0);
    }

    @Descriptor("send a non-maskable interrupt to a processor")
    public Object nmi(@Descriptor("processor index") int vp) {
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return NO_VM;
        }
        vm.get().nmi(vp);
        return "NMI sent to vp " + vp;
    }

    @Descriptor("show the VM's inspect tree")
    public Object inspect() {
        return current.control().<Object>map(VmControl::inspect).orElse(NO_VM);
    }

    @Descriptor("show one entry or subtree of the VM's inspect tree")
    public Object inspect(@Descriptor("slash-separated path, e.g. vp/0 or hypervisor/chosen") String path) {
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return NO_VM;
        }
        Optional<Object> found = vm.get().inspect(path);
        return found.isPresent() ? found.get() : "no inspect entry at " + path;
    }

    @Descriptor("dump guest memory (also vm:read-memory)")
    public Object readmemory(@Descriptor("guest-physical address, 0x... or decimal") String gpa,
            @Descriptor("number of bytes, at most 65536") String len) {
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return NO_VM;
        }
        long address = Numbers.parse(gpa, "gpa");
        long length = Numbers.parse(len, "len");
        if (length < 0 || length > 65536) {
            throw new IllegalArgumentException("len: must be 0..65536, got " + len);
        }
        return new HexDump(address, vm.get().readMemory(address, (int) length));
    }

    @Descriptor("write bytes to guest memory (also vm:write-memory)")
    public Object writememory(@Descriptor("guest-physical address, 0x... or decimal") String gpa,
            @Descriptor("the bytes in hex, e.g. 48656c6c6f") String hex) {
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return NO_VM;
        }
        long address = Numbers.parse(gpa, "gpa");
        byte[] bytes = Numbers.hexBytes(hex);
        vm.get().writeMemory(address, bytes);
        return String.format("wrote %d byte%s at 0x%x", bytes.length, bytes.length == 1 ? "" : "s", address);
    }

    @Descriptor("stop the VM and shut jvmm down")
    public Object quit() throws Exception {
        String what = current.vm().map(VmCommands::stop).orElse(NO_VM);
        stopper.stop();
        return what + "; shutting down";
    }

    @Descriptor("list the resource resolvers: kind:id -> providing bundle, conflicts flagged")
    public Object resolvers() {
        return ResolverTable.of(registry.list());
    }

    private Object act(java.util.function.Consumer<VmControl> operation) {
        Optional<CurrentVm.Vm> vm = current.vm();
        if (vm.isEmpty()) {
            return NO_VM;
        }
        operation.accept(vm.get().control());
        return status(vm.get());
    }

    /** Stops {@code c} unless it is stopped or stopping, and says so. */
    private static String stop(CurrentVm.Vm c) {
        VmState s = c.control().state();
        if (s != VmState.STOPPED && s != VmState.STOPPING) {
            c.control().stop();
        }
        return c.name() + " stopped";
    }

    private static VmStatus status(CurrentVm.Vm c) {
        VmControl vm = c.control();
        VmConfig config = vm.config();
        String hv = vm.inspect("hypervisor/chosen").map(Object::toString).orElse("unknown");
        return new VmStatus(c.name(), vm.state(), vm.stopReason(), config.processors().count(),
                Numbers.size(config.memory().sizeBytes()), hv, config.load().id());
    }
}
