package org.jvmm.hv.whp.impl;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jvmm.hv.whp.impl.ffm.BitFields;
import org.jvmm.hv.whp.impl.ffm.PartitionCalls;
import org.jvmm.hv.whp.impl.ffm.VpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;
import org.jvmm.hv.whp.impl.ffm.WhpException;
import org.jvmm.hv.whp.impl.ffm.WhpExit;

/**
 * WinHvPlatform in memory: records every call as a line of text, keeps register values, and plays
 * scripted exits. {@link #failOn} makes matching calls fail with an HRESULT.
 */
final class FakeWhp implements WhpCalls {
    static final int E_FAIL = 0x80004005;

    final List<String> calls = new ArrayList<>();
    final Map<Integer, Long> capabilities = new HashMap<>();
    Predicate<String> failOn = call -> false;
    FakePartition partition;

    FakeWhp() {
        capabilities.put(WhpCodes.WHvCapabilityCodeHypervisorPresent, 1L);
        capabilities.put(WhpCodes.WHvCapabilityCodeFeatures, BitFields.FEATURE_LOCAL_APIC_EMULATION.set(0, 1));
        capabilities.put(WhpCodes.WHvCapabilityCodeExtendedVmExits, 0x7L);
    }

    private void record(String function, String call) throws WhpException {
        calls.add(call);
        if (failOn.test(call)) {
            throw new WhpException(function, E_FAIL);
        }
    }

    @Override
    public long capability(int code) throws WhpException {
        record("WHvGetCapability", "capability " + code);
        return capabilities.getOrDefault(code, 0L);
    }

    @Override
    public PartitionCalls createPartition() throws WhpException {
        record("WHvCreatePartition", "createPartition");
        partition = new FakePartition();
        return partition;
    }

    List<String> callsStartingWith(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    final class FakePartition implements PartitionCalls {
        final List<FakeVp> vps = new ArrayList<>();

        @Override
        public void setProperty(int code, long value) throws WhpException {
            record("WHvSetPartitionProperty", "property 0x%x = 0x%x".formatted(code, value));
        }

        @Override
        public void setPropertyList(int code, int[] values) throws WhpException {
            record("WHvSetPartitionProperty", "property 0x%x = %s".formatted(code, Arrays.toString(values)));
        }

        @Override
        public void setup() throws WhpException {
            record("WHvSetupPartition", "setup");
        }

        @Override
        public void mapGpaRange(MemorySegment host, long gpa, int flags) throws WhpException {
            record("WHvMapGpaRange", "map 0x%x size 0x%x flags %d".formatted(gpa, host.byteSize(), flags));
        }

        @Override
        public void unmapGpaRange(long gpa, long size) throws WhpException {
            record("WHvUnmapGpaRange", "unmap 0x%x size 0x%x".formatted(gpa, size));
        }

        @Override
        public VpCalls createVirtualProcessor(int index) throws WhpException {
            record("WHvCreateVirtualProcessor", "createVp " + index);
            FakeVp vp = new FakeVp(index);
            vps.add(vp);
            return vp;
        }

        @Override
        public void requestInterrupt(long typeModes, int destination, int vector) throws WhpException {
            record("WHvRequestInterrupt", "interrupt 0x%x dest %d vector %d".formatted(typeModes, destination, vector));
        }

        @Override
        public void close() throws WhpException {
            record("WHvDeletePartition", "deletePartition");
        }
    }

    final class FakeVp implements VpCalls {
        final int index;
        final Map<Integer, long[]> registers = new HashMap<>();
        final Deque<WhpExit> exits = new ArrayDeque<>();
        final List<String> sets = new ArrayList<>();
        /** Runs inside the next {@link #run} (as another thread would while the guest runs), then is cleared. */
        Runnable duringRun;
        int cancels;

        FakeVp(int index) {
            this.index = index;
        }

        long reg(int name) {
            return registers.getOrDefault(name, new long[2])[0];
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public WhpExit run() throws WhpException {
            record("WHvRunVirtualProcessor", "run " + index);
            if (duringRun != null) {
                Runnable r = duringRun;
                duringRun = null;
                r.run();
            }
            WhpExit exit = exits.poll();
            if (exit == null) {
                throw new AssertionError("processor " + index + " ran out of scripted exits");
            }
            return exit;
        }

        @Override
        public void cancelRun() throws WhpException {
            cancels++;
            record("WHvCancelRunVirtualProcessor", "cancel " + index);
        }

        @Override
        public void getRegisters(int[] names, long[] values) throws WhpException {
            record("WHvGetVirtualProcessorRegisters", "get " + index);
            for (int i = 0; i < names.length; i++) {
                long[] v = registers.getOrDefault(names[i], new long[2]);
                values[2 * i] = v[0];
                values[2 * i + 1] = v[1];
            }
        }

        @Override
        public void setRegisters(int[] names, long[] values) throws WhpException {
            StringBuilder sb = new StringBuilder("set " + index);
            for (int i = 0; i < names.length; i++) {
                sb.append(" %x=%x".formatted(names[i], values[2 * i]));
                registers.put(names[i], new long[] {values[2 * i], values[2 * i + 1]});
            }
            sets.add(sb.toString());
            record("WHvSetVirtualProcessorRegisters", sb.toString());
        }

        @Override
        public Translation translateGva(long gva, int flags) throws WhpException {
            record("WHvTranslateGva", "translate 0x%x".formatted(gva));
            return new Translation(0, gva);
        }

        @Override
        public void delete() throws WhpException {
            record("WHvDeleteVirtualProcessor", "deleteVp " + index);
        }
    }
}
