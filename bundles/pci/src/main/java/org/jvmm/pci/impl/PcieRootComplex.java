package org.jvmm.pci.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachException;
import org.jvmm.chipset.api.PciConfigIntercept;
import org.jvmm.chipset.api.PciHost;
import org.jvmm.chipset.api.PciHostInfo;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.impl.attach.FunctionAttachment;
import org.jvmm.pci.impl.attach.IntxRouter;
import org.jvmm.pci.impl.attach.IoWindow;
import org.jvmm.pci.impl.attach.MmioWindows;
import org.jvmm.pci.impl.firmware.ResourceAssigner;
import org.jvmm.pci.impl.firmware.Windows;
import org.jvmm.pci.impl.topology.BridgeFunction;
import org.jvmm.pci.impl.topology.ConfigFunction;
import org.jvmm.pci.impl.topology.EndpointFunction;
import org.jvmm.pci.impl.topology.IntxPath;
import org.jvmm.pci.impl.topology.PciBus;
import org.jvmm.pci.resources.PcieRootComplexHandle;

/**
 * The PCIe root complex as a chipset device and {@link PciHost}: configuration mechanism #1
 * (address register 0xCF8, dword only; data 0xCFC..0xCFF, byte/word/dword; with the enable bit
 * clear the data port reads all ones and drops writes), ECAM (1, 2 or 4-byte accesses within a
 * dword), and the I/O BAR window. Before the guest's first config cycle (and after a reset) it
 * runs the firmware pass; attaches while the guest has not started are cold plugs, later ones
 * hot plugs. Absent functions read as all ones. Removal is a surprise ({@link #detach}) or orderly
 * ({@link #requestDetach}: attention button, then the device leaves when the guest powers the slot
 * off, or when the request times out). Thread-safe: one lock for all config state.
 */
public final class PcieRootComplex implements ChipsetDevice, PciHost, PortIoIntercept, MmioIntercept {
    static final int CONFIG_ADDRESS = 0xCF8;
    static final int CONFIG_DATA = 0xCFC;
    private static final int ENABLE = 0x8000_0000;
    private static final System.Logger LOG = System.getLogger(PcieRootComplex.class.getName());

    private final HostLayout layout;
    private final Topology topology;
    private final IntxRouter intx;
    private final MsiSink msi;
    private final MmioMapper mmioMapper;
    private final MmioWindows mmioWindows;
    private final IoWindow ioWindow;
    private final PciHostInfo info;
    private final List<PortRange> portRanges;
    private final List<MmioRange> mmioRanges;
    private final Map<ChipsetDevice, Attached> attached = new IdentityHashMap<>();
    private final SlotRemovals removals = new SlotRemovals();
    private Map<ConfigFunction, List<String>> assignment = Map.of();
    private int configAddress;
    private boolean assigned;
    private boolean guestStarted;

    private record Attached(EndpointFunction function, PciBus bus, int devfn, FunctionAttachment attachment,
            BridgeFunction port) {
    }

    /** An attached function's device and the address config cycles reach it at now. */
    record AttachedFunction(PciAddress address, ChipsetDevice device) {
    }

    PcieRootComplex(PcieRootComplexHandle handle, HostLayout layout, MmioMapper mmioMapper, MsiSink msi,
            IntFunction<LineInterrupt> lines) {
        this.layout = layout;
        this.msi = msi;
        this.mmioMapper = mmioMapper;
        this.intx = new IntxRouter(layout.intxGsis(), lines);
        this.topology = Topology.build(handle, intx, msi);
        List<MmioRange> windows = new ArrayList<>(List.of(layout.lowMmio()));
        layout.highMmio().ifPresent(windows::add);
        this.mmioWindows = new MmioWindows(windows);
        this.ioWindow = new IoWindow(layout.ioWindow());
        this.portRanges = List.of(new PortRange(layout.name() + "-config-address", CONFIG_ADDRESS, 1),
                new PortRange(layout.name() + "-config-data", CONFIG_DATA, 4), layout.ioWindow());
        this.mmioRanges = List.of(layout.ecamRange());
        this.info = new PciHostInfo(layout.name(), 0, layout.startBus(), layout.endBus(), layout.ecamBase(),
                new PortRange(layout.name() + "-config", CONFIG_ADDRESS, 8), layout.lowMmio(), layout.highMmio(),
                layout.ioWindow(), intx.routes(), intx.gsis(),
                topology.linkPorts().values().stream().anyMatch(BridgeFunction::hotPlug));
        synchronized (this) {
            runFirmware();
        }
    }

    @Override
    public String name() {
        return layout.name();
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return Optional.of(this);
    }

    @Override
    public Optional<MmioIntercept> mmio() {
        return Optional.of(this);
    }

    @Override
    public Optional<PciHost> pciHost() {
        return Optional.of(this);
    }

    /** Unit {@code pci.pcie_root_complex} ({@link RootComplexState}). */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new RootComplexState(this));
    }

    @Override
    public PciHostInfo info() {
        return info;
    }

    @Override
    public List<PortRange> portRanges() {
        return portRanges;
    }

    @Override
    public List<MmioRange> mmioRanges() {
        return mmioRanges;
    }

    // ---- config mechanism #1 and the I/O window

    @Override
    public IoResult ioRead(int port, int size, IoValue out) {
        if (port == CONFIG_ADDRESS) {
            if (size != 4) {
                return IoResult.INVALID_ACCESS_SIZE;
            }
            synchronized (this) {
                out.set(configAddress & 0xFFFF_FFFFL);
            }
            return IoResult.OK;
        }
        if (port >= CONFIG_DATA && port < CONFIG_DATA + 4) {
            return dataRead(port, size, out);
        }
        return ioWindow.read(port, size, out);
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        if (port == CONFIG_ADDRESS) {
            if (size != 4) {
                return IoResult.INVALID_ACCESS_SIZE;
            }
            synchronized (this) {
                configAddress = (int) value & 0x80FF_FFFC;
            }
            return IoResult.OK;
        }
        if (port >= CONFIG_DATA && port < CONFIG_DATA + 4) {
            return dataWrite(port, size, value);
        }
        return ioWindow.write(port, size, value);
    }

    private synchronized IoResult dataRead(int port, int size, IoValue out) {
        int shift = port - CONFIG_DATA;
        if (!validWidth(size, shift)) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        if ((configAddress & ENABLE) == 0) {
            out.set(-1L);
            return IoResult.OK;
        }
        int v = configRead(configAddress >>> 16 & 0xFF, configAddress >>> 8 & 0xFF, configAddress & 0xFC);
        out.set((v & 0xFFFF_FFFFL) >>> 8 * shift);
        return IoResult.OK;
    }

    private synchronized IoResult dataWrite(int port, int size, long value) {
        int shift = port - CONFIG_DATA;
        if (!validWidth(size, shift)) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        if ((configAddress & ENABLE) != 0) {
            configWrite(configAddress >>> 16 & 0xFF, configAddress >>> 8 & 0xFF, configAddress & 0xFC,
                    (int) (value << 8 * shift), ((1 << size) - 1) << shift);
        }
        return IoResult.OK;
    }

    // ---- ECAM

    @Override
    public IoResult mmioRead(long address, int size, IoValue out) {
        long rel = address - layout.ecamBase();
        int reg = (int) (rel & 0xFFF);
        if (!validWidth(size, reg & 3)) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        int v;
        synchronized (this) {
            v = configRead((int) (rel >>> 20), (int) (rel >>> 12 & 0xFF), reg & ~3);
        }
        out.set((v & 0xFFFF_FFFFL) >>> 8 * (reg & 3));
        return IoResult.OK;
    }

    @Override
    public IoResult mmioWrite(long address, int size, long value) {
        long rel = address - layout.ecamBase();
        int reg = (int) (rel & 0xFFF);
        if (!validWidth(size, reg & 3)) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        synchronized (this) {
            configWrite((int) (rel >>> 20), (int) (rel >>> 12 & 0xFF), reg & ~3, (int) (value << 8 * (reg & 3)),
                    ((1 << size) - 1) << (reg & 3));
        }
        return IoResult.OK;
    }

    private static boolean validWidth(int size, int byteInDword) {
        return (size == 1 || size == 2 || size == 4) && byteInDword + size <= 4 && (byteInDword & size - 1) == 0;
    }

    /** A config read (dword at {@code offset}); absent functions and buses read all ones. */
    synchronized int configRead(int bus, int devfn, int offset) {
        ConfigFunction f = target(bus, devfn);
        return f == null ? -1 : f.read(offset);
    }

    synchronized void configWrite(int bus, int devfn, int offset, int value, int byteEnables) {
        ConfigFunction f = target(bus, devfn);
        if (f != null) {
            f.write(offset, value, byteEnables);
            if (!removals.isEmpty()) {
                finishPoweredOff();
            }
        }
    }

    private ConfigFunction target(int bus, int devfn) {
        if (!guestStarted) {
            if (!assigned) {
                runFirmware();
            }
            guestStarted = true;
        }
        if (bus < layout.startBus() || bus > layout.endBus()) {
            return null;
        }
        return topology.find(layout.startBus(), bus, devfn);
    }

    private void runFirmware() {
        Windows w = new Windows(layout.lowMmio().start(), layout.lowMmio().length(),
                layout.highMmio().map(MmioRange::start).orElse(0L), layout.highMmio().map(MmioRange::length).orElse(0L),
                layout.ioWindow().start(), layout.ioWindow().length());
        assignment = new ResourceAssigner(topology.root(), layout.startBus(), w, this::gsi).run();
        assigned = true;
    }

    private int gsi(PciBus bus, int devfn, int pin) {
        IntxPath p = IntxPath.of(bus, devfn);
        return intx.gsi(p.rootDevice(), IntxRouter.swizzle(pin, p.rotation()));
    }

    // ---- PciHost

    @Override
    public synchronized List<PciPortInfo> ports() {
        List<PciPortInfo> out = new ArrayList<>();
        topology.linkPorts().forEach((name, port) -> out.add(new PciPortInfo(name, port.hotPlug(),
                occupantOf(port))));
        return out;
    }

    @Override
    public synchronized PciAddress attach(PciPlacement placement, ChipsetDevice device) throws PciAttachException {
        String where = name() + ": " + placement;
        PciConfigIntercept config = device.pciConfig().orElseThrow(() -> new PciAttachException(where + ": device "
                + device.name() + " has no PCI configuration space"));
        if (attached.containsKey(device)) {
            throw new PciAttachException(where + ": device " + device.name() + " is already attached");
        }
        Placements.Slot slot = placement.port() != null ? Placements.port(topology, guestStarted, placement, where)
                : Placements.rootBus(topology, guestStarted, placement, config, where);
        if (!assigned) {
            runFirmware();
        }
        int busNumber = slot.port() == null ? layout.startBus() : slot.port().secondary();
        PciAddress address = new PciAddress(busNumber, slot.devfn() >>> 3, slot.devfn() & 7);
        IntxPath path = IntxPath.of(slot.bus(), slot.devfn());
        FunctionAttachment attachment = new FunctionAttachment(address, slot.port() == null, intx, path.rootDevice(),
                path.rotation(), msi, mmioMapper, mmioWindows, ioWindow);
        EndpointFunction function = new EndpointFunction(device, config);
        slot.bus().put(slot.devfn(), function);
        try {
            config.pciAttached(attachment);
        } catch (RuntimeException e) {
            slot.bus().remove(slot.devfn());
            attachment.close();
            throw new PciAttachException(where + ": device " + device.name() + " failed to attach: " + e);
        }
        attached.put(device, new Attached(function, slot.bus(), slot.devfn(), attachment, slot.port()));
        if (slot.port() != null) {
            slot.port().setPresent(true, guestStarted);
        }
        if (!guestStarted) {
            runFirmware();
        }
        return address;
    }

    @Override
    public synchronized void detach(ChipsetDevice device) throws PciAttachException {
        Attached a = attachedOrThrow(device);
        SlotRemovals.Request pending = removals.end(device);
        remove(a, device);
        if (pending != null) {
            pending.done().complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> requestDetach(ChipsetDevice device, Duration timeout) throws PciAttachException {
        long nanos = timeout.toNanos();
        SlotRemovals.Request r;
        synchronized (this) {
            Attached a = attachedOrThrow(device);
            r = removals.get(device);
            if (r == null) {
                if (!guestStarted) {
                    remove(a, device);
                    return CompletableFuture.completedFuture(null);
                }
                if (a.port() == null || !a.port().hotPlug()) {
                    throw new PciAttachException(name() + ": device " + device.name() + " is not behind a hot-plug"
                            + " port: the guest cannot be asked to release it (detach removes it unannounced)");
                }
                r = removals.start(device, a.port());
                SlotRemovals.Request started = r;
                CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS).execute(() -> expire(started, timeout));
                finishPoweredOff();
            }
        }
        return r.done().thenApplyAsync(Function.identity());
    }

    /** Removes the devices whose slots the guest has powered off (their orderly removal is done). */
    private void finishPoweredOff() {
        for (SlotRemovals.Request r : removals.takePoweredOff()) {
            remove(attached.get(r.device()), r.device());
            r.done().complete(null);
        }
    }

    /** A request's time is up: if the guest has not powered the slot off yet, a surprise removal. */
    private void expire(SlotRemovals.Request r, Duration timeout) {
        synchronized (this) {
            if (!removals.end(r)) {
                return;
            }
            LOG.log(System.Logger.Level.WARNING, name() + ": the guest did not power off slot " + r.port().name()
                    + " within " + timeout.toMillis() + " ms: surprise removal of " + r.device().name());
            remove(attached.get(r.device()), r.device());
        }
        r.done().complete(null);
    }

    private Attached attachedOrThrow(ChipsetDevice device) throws PciAttachException {
        Attached a = attached.get(device);
        if (a == null) {
            throw new PciAttachException(name() + ": device " + device.name() + " is not attached");
        }
        return a;
    }

    /** The function leaves: config space, BARs, INTx; a hot-plug port tells the guest if it runs. */
    private void remove(Attached a, ChipsetDevice device) {
        attached.remove(device);
        a.bus().remove(a.devfn());
        a.attachment().close();
        if (a.port() != null) {
            a.port().setPresent(false, guestStarted);
        }
        if (!guestStarted) {
            runFirmware();
        }
    }

    private PciAddress occupantOf(BridgeFunction port) {
        for (Attached a : attached.values()) {
            if (a.port() == port) {
                return a.attachment().address();
            }
        }
        return null;
    }

    // ---- lifecycle and inspection

    /**
     * VM reset: pending orderly removals end with the device gone (the guest that was asked is
     * gone too), then config address and every bridge to power-on state; the firmware runs again
     * on first access.
     */
    @Override
    public synchronized void reset() {
        guestStarted = false;
        List<SlotRemovals.Request> ended = removals.endAll();
        ended.forEach(r -> remove(attached.get(r.device()), r.device()));
        configAddress = 0;
        topology.root().at(0).reset();
        topology.bridges().forEach(BridgeFunction::reset);
        assigned = false;
        ended.forEach(r -> r.done().complete(null));
    }

    // ---- for RootComplexState, under this lock

    Topology topology() {
        return topology;
    }

    int configAddress() {
        return configAddress;
    }

    boolean assigned() {
        return assigned;
    }

    boolean removalPending() {
        return !removals.isEmpty();
    }

    /** The attached functions by the bus numbers their ports have now (the guest may have renumbered). */
    List<AttachedFunction> functions() {
        List<AttachedFunction> out = new ArrayList<>();
        for (Attached a : attached.values()) {
            int bus = a.port() == null ? layout.startBus() : a.port().secondary();
            out.add(new AttachedFunction(new PciAddress(bus, a.devfn() >>> 3, a.devfn() & 7),
                    a.function().device()));
        }
        return out;
    }

    void restoreFlags(int savedConfigAddress, boolean savedGuestStarted, boolean savedAssigned) {
        configAddress = savedConfigAddress & 0x80FF_FFFC;
        guestStarted = savedGuestStarted;
        assigned = savedAssigned;
    }

    /** Whether the guest has made a config cycle since power-on or reset (attaches are then hot plugs). */
    public synchronized boolean guestStarted() {
        return guestStarted;
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        MmioRange ecam = layout.ecamRange();
        node.field("ecam", String.format("0x%x-0x%x (buses %d-%d)", ecam.start(), ecam.start() + ecam.length() - 1,
                layout.startBus(), layout.endBus()))
                .field("mmio32", Inspection.range(layout.lowMmio()))
                .field("mmio64", layout.highMmio().map(Inspection::range).orElse("none"))
                .field("io", String.format("0x%x-0x%x (%d ports mapped)", layout.ioWindow().start(),
                        layout.ioWindow().start() + layout.ioWindow().length() - 1, ioWindow.mappedPorts()))
                .hex("configAddress", configAddress & 0xFFFF_FFFFL).field("guestStarted", guestStarted);
        node.child("intx", intx::inspect);
        if (!removals.isEmpty()) {
            node.child("removals", removals::inspect);
        }
        Inspection.bus(node.child("bus " + layout.startBus()), topology.root(), layout.startBus(), assignment);
    }
}
