package org.jvmm.loader.linux.impl.acpi;

import java.util.List;
import org.jvmm.chipset.resources.AcpiPmLayout;
import org.jvmm.loader.linux.impl.aml.Aml;

/**
 * The differentiated system description table: {@code Scope(\_SB)} with the given devices, and,
 * when the VM has an ACPI PM block, {@code Name(\_S5, Package() { 5, 5, 0, 0 })} so that a
 * poweroff writes SLP_TYP 5. Revision 2: integers are 64 bits.
 */
public final class Dsdt {
    private Dsdt() {
    }

    public static byte[] build(List<? extends AcpiDevice> devices, boolean sleepStates) {
        byte[][] sb = devices.stream().map(AcpiDevice::aml).toArray(byte[][]::new);
        byte[] body = Aml.scope("\\_SB", sb);
        if (sleepStates) {
            byte[] s5 = Aml.pkg(Aml.integer(AcpiPmLayout.SLP_TYP_S5), Aml.integer(AcpiPmLayout.SLP_TYP_S5),
                    Aml.integer(0), Aml.integer(0));
            body = Aml.cat(body, Aml.name("\\_S5", s5));
        }
        return Sdt.table("DSDT", 2, body);
    }
}
