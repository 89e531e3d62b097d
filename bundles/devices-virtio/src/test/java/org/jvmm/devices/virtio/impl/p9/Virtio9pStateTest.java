package org.jvmm.devices.virtio.impl.p9;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.msg;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.ok;

import java.nio.file.Path;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.devices.virtio.impl.p9.proto.P9Type;
import org.jvmm.devices.virtio.impl.p9.server.OutsideWorld;
import org.jvmm.devices.virtio.impl.p9.server.P9Client;
import org.jvmm.devices.virtio.impl.p9.server.P9Server;
import org.jvmm.chipset.api.SaveRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 9P session through a snapshot: refused with a file open; the mounted root fid kept once it is closed. */
class Virtio9pStateTest {
    @TempDir
    Path tmp;

    @Test
    void anOpenFileRefusesAndTheFidsOfAMountSurvive() throws Exception {
        OutsideWorld world = new OutsideWorld(tmp);
        P9Server server = new P9Server(world.root, false);
        Virtio9p device = new Virtio9p("hostshare", server, Runnable::run);
        P9Client client = P9Client.of(server);
        client.start(1);
        ok(client.walk(1, 2, "inside.txt"));
        ok(client.lopen(2, 0));
        StateUnit unit = device.state().orElseThrow();
        SaveRefusedException e = assertThrows(SaveRefusedException.class, unit::save);
        assertEquals("virtio-9p hostshare has 1 open file; snapshots need them closed", e.reason().getMessage());
        ok(client.rpc(P9Type.TCLUNK, msg().u32(2)));
        byte[] saved = unit.save();

        P9Server fresh = new P9Server(world.root, false);
        Virtio9p restored = new Virtio9p("hostshare", fresh, Runnable::run);
        restored.state().orElseThrow().restore(1, saved);
        P9Client after = P9Client.of(fresh);
        assertFalse(after.walk(1, 3, "inside.txt").isError(), "the root fid of the mount is still there");
        ok(after.lopen(3, 0));
        assertEquals("inside\n", new String(ok(after.read(3, 0, 100)).data()));
        assertTrue(after.walk(2, 4).isError(), "the clunked fid is not");
        world.assertUntouched();
        device.close();
        restored.close();
    }
}
