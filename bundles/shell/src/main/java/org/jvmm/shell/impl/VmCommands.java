package org.jvmm.shell.impl;

import java.util.Map;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.VmWorker;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

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

    private record CurrentVm(VmControl control, String name) {
    }

    private final ResolverRegistry registry;
    private final FrameworkStopper stopper;
    private volatile CurrentVm current;

    @Activate
    public VmCommands(@Reference(name = "registry") ResolverRegistry registry, BundleContext context) {
        this(registry, () -> context.getBundle(0).stop());
    }

    VmCommands(ResolverRegistry registry, FrameworkStopper stopper) {
        this.registry = registry;
        this.stopper = stopper;
    }

    @Reference(name = "vm", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindVm(VmControl vm, Map<String, Object> properties) {
        Object name = properties.get(VmWorker.VM_NAME_PROPERTY);
        current = new CurrentVm(vm, name == null ? "vm" : name.toString());
    }

    void unbindVm(VmControl vm) {
        CurrentVm c = current;
        if (c != null && c.control() == vm) {
            current = null;
        }
    }

    @Descriptor("show the state of the VM")
    public Object status() {
        CurrentVm c = current;
        return c == null ? NO_VM : status(c);
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
        CurrentVm c = current;
        if (c == null) {
            return NO_VM;
        }
        c.control().nmi(vp);
        return "NMI sent to vp " + vp;
    }

    @Descriptor("show the VM's inspect tree")
    public Object inspect() {
        CurrentVm c = current;
        return c == null ? NO_VM : c.control().inspect();
    }

    @Descriptor("show one entry or subtree of the VM's inspect tree")
    public Object inspect(@Descriptor("slash-separated path, e.g. vp/0 or hypervisor/chosen") String path) {
        CurrentVm c = current;
        if (c == null) {
            return NO_VM;
        }
        Optional<Object> found = c.control().inspect(path);
        return found.isPresent() ? found.get() : "no inspect entry at " + path;
    }

    @Descriptor("dump guest memory (also vm:read-memory)")
    public Object readmemory(@Descriptor("guest-physical address, 0x... or decimal") String gpa,
            @Descriptor("number of bytes, at most 65536") String len) {
        CurrentVm c = current;
        if (c == null) {
            return NO_VM;
        }
        long address = Numbers.parse(gpa, "gpa");
        long length = Numbers.parse(len, "len");
        if (length < 0 || length > 65536) {
            throw new IllegalArgumentException("len: must be 0..65536, got " + len);
        }
        return new HexDump(address, c.control().readMemory(address, (int) length));
    }

    @Descriptor("write bytes to guest memory (also vm:write-memory)")
    public Object writememory(@Descriptor("guest-physical address, 0x... or decimal") String gpa,
            @Descriptor("the bytes in hex, e.g. 48656c6c6f") String hex) {
        CurrentVm c = current;
        if (c == null) {
            return NO_VM;
        }
        long address = Numbers.parse(gpa, "gpa");
        byte[] bytes = Numbers.hexBytes(hex);
        c.control().writeMemory(address, bytes);
        return String.format("wrote %d byte%s at 0x%x", bytes.length, bytes.length == 1 ? "" : "s", address);
    }

    @Descriptor("stop the VM and shut jvmm down")
    public Object quit() throws Exception {
        CurrentVm c = current;
        String what = NO_VM;
        if (c != null) {
            VmState s = c.control().state();
            if (s != VmState.STOPPED && s != VmState.STOPPING) {
                c.control().stop();
            }
            what = c.name() + " stopped";
        }
        stopper.stop();
        return what + "; shutting down";
    }

    @Descriptor("list the resource resolvers: kind:id -> providing bundle, conflicts flagged")
    public Object resolvers() {
        return ResolverTable.of(registry.list());
    }

    private Object act(java.util.function.Consumer<VmControl> operation) {
        CurrentVm c = current;
        if (c == null) {
            return NO_VM;
        }
        operation.accept(c.control());
        return status(c);
    }

    private static VmStatus status(CurrentVm c) {
        VmControl vm = c.control();
        VmConfig config = vm.config();
        String hv = vm.inspect("hypervisor/chosen").map(Object::toString).orElse("unknown");
        return new VmStatus(c.name(), vm.state(), vm.stopReason(), config.processors().count(),
                Numbers.size(config.memory().sizeBytes()), hv, config.load().id());
    }
}
