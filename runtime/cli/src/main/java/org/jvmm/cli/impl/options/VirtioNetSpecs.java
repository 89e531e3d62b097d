package org.jvmm.cli.impl.options;

import org.jvmm.cli.impl.spec.NicSpec;
import org.jvmm.cli.impl.spec.NicSpecParser;
import org.jvmm.cli.impl.spec.SpecException;
import org.jvmm.net.backend.resources.LoopbackEndpointHandle;
import org.jvmm.net.backend.resources.NullEndpointHandle;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * {@code --virtio-net NIC}: OpenVMM's NIC syntax with the endpoints jvmm has ({@code none}, and its
 * test endpoint {@code loopback}); {@code consomme}, {@code tap} and {@code dio} need bundles that
 * do not exist yet, {@code vtl2}/{@code uh} an OpenHCL paravisor.
 */
public final class VirtioNetSpecs {
    private VirtioNetSpecs() {
    }

    static void check(String value) throws SpecException {
        endpoint(NicSpecParser.parse(value));
    }

    public static NicSpec parse(String value) throws SpecException {
        NicSpec spec = NicSpecParser.parse(value);
        endpoint(spec);
        return spec;
    }

    /** The {@code net_endpoint_handle} of the NIC's endpoint. */
    public static ResourceHandle endpoint(NicSpec spec) throws SpecException {
        if (spec.vtl2() || spec.underhill()) {
            throw new SpecException("vtl2 and uh need an OpenHCL paravisor, which jvmm does not have");
        }
        return switch (spec.endpoint()) {
            case NicSpec.NoEndpoint n -> new NullEndpointHandle();
            case NicSpec.Loopback l -> new LoopbackEndpointHandle(0);
            case NicSpec.Consomme c -> throw new SpecException("consomme is not implemented yet (needs bundle net-consomme)");
            case NicSpec.Tap t -> throw new SpecException("tap is not implemented yet (needs bundle net-tap)");
            case NicSpec.Dio d -> throw new SpecException("dio needs a Windows vmswitch, which jvmm does not have");
        };
    }
}
