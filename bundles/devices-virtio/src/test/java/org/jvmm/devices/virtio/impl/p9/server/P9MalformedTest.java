package org.jvmm.devices.virtio.impl.p9.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.msg;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.ok;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.p9.proto.P9Type;
import org.jvmm.devices.virtio.impl.p9.server.P9Client.Reply;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short, truncated, oversized and nonsensical messages: each gets an Rlerror, none an exception. */
class P9MalformedTest {
    @TempDir
    Path tmp;
    OutsideWorld world;
    P9Server server;
    P9Client c;

    @BeforeEach
    void setUp() throws Exception {
        world = new OutsideWorld(tmp);
        server = new P9Server(world.root, false);
        c = P9Client.of(server);
        c.start(0);
        c.walkTo(0, 1, "inside.txt");
        ok(c.lopen(1, 2));
    }

    @AfterEach
    void serverStillWorksAndNothingOutsideChanged() {
        ok(c.getattr(0));
        InspectNode n = new InspectNode();
        server.inspect(n);
        assertEquals(0L, n.entries().get("internal_errors"));
        world.assertUntouched();
    }

    Reply send(byte[] m, int len, long room) {
        return Reply.parse(server.handle(m, len, room));
    }

    @Test
    void messagesWithoutAHeaderGetEprotoUnderNotag() {
        for (int len = 0; len < P9Type.HEADER; len++) {
            Reply r = send(new byte[] {7, 0, 0, 0, 24, 9, 0}, len, 8192);
            assertEquals(Errno.EPROTO, r.errno());
            assertEquals(P9Type.NOTAG, r.tag());
        }
    }

    @Test
    void aSizeFieldOutsideTheMessageIsEproto() {
        byte[] m = msg().u32(0).u64(0).build(P9Type.TGETATTR, 33);
        ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(0, m.length + 1);
        Reply r = send(m, m.length, 8192);
        assertEquals(Errno.EPROTO, r.errno());
        assertEquals(33, r.tag(), "the tag is kept when it could be read");
        ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 6);
        assertEquals(Errno.EPROTO, send(m, m.length, 8192).errno());
        ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(0, -1);
        assertEquals(Errno.EPROTO, send(m, m.length, 8192).errno());
    }

    /** Valid requests on fid 0 (the root) and 1 (inside.txt, open): cut short anywhere they must fail. */
    static List<byte[]> requests() {
        return List.of(
                msg().u32(8192).str("9P2000.L").build(P9Type.TVERSION, 1),
                msg().u32(5).u32(-1).str("u").str("").u32(0).build(P9Type.TATTACH, 1),
                msg().u32(0).u32(6).u16(2).str("dir").str("..").build(P9Type.TWALK, 1),
                msg().u32(0).str("new").u32(2).u32(0644).u32(0).build(P9Type.TLCREATE, 1),
                msg().u32(1).u64(0).u32(10).build(P9Type.TREAD, 1),
                msg().u32(1).u64(0).u32(3).raw(new byte[] {1, 2, 3}, false).build(P9Type.TWRITE, 1),
                msg().u32(0).u64(0).u32(100).build(P9Type.TREADDIR, 1),
                msg().u32(0).str("d").u32(0755).u32(0).build(P9Type.TMKDIR, 1),
                msg().u32(0).str("inside.txt").u32(0).build(P9Type.TUNLINKAT, 1),
                msg().u32(0).str("inside.txt").u32(0).str("other").build(P9Type.TRENAMEAT, 1),
                msg().u32(1).u32(0x8).u32(0).u32(0).u32(0).u64(0).u64(0).u64(0).u64(0).u64(0).build(P9Type.TSETATTR, 1),
                msg().u32(0).str("l").str("target").u32(0).build(P9Type.TSYMLINK, 1),
                msg().u32(1).u8(1).u32(0).u64(0).u64(0).u32(1).str("c").build(P9Type.TLOCK, 1),
                msg().u32(0).u32(1).str("hard").build(P9Type.TLINK, 1),
                msg().u32(1).u32(0).str("moved").build(P9Type.TRENAME, 1),
                msg().u32(0).u32(7).str("user.x").build(P9Type.TXATTRWALK, 1),
                msg().u32(0).u64(0).build(P9Type.TGETATTR, 1),
                msg().u32(1).build(P9Type.TCLUNK, 1),
                msg().u16(3).build(P9Type.TFLUSH, 1));
    }

    @Test
    void everyTruncationOfARequestIsAnErrorAndChangesNothing() throws Exception {
        for (byte[] full : requests()) {
            for (int cut = P9Type.HEADER; cut < full.length; cut++) {
                byte[] m = Arrays.copyOf(full, cut);
                ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(0, cut);
                Reply r = send(m, cut, 8192);
                assertTrue(r.isError(), "type " + full[4] + " cut to " + cut + " must fail");
            }
        }
        assertEquals(List.of("abs_out", "dir", "etc", "inside.txt", "rel_out", "secret_link"),
                java.nio.file.Files.list(world.root).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals("inside\n", java.nio.file.Files.readString(world.root.resolve("inside.txt")));
    }

    @Test
    void aWriteShorterThanItsCountIsEproto() {
        byte[] m = msg().u32(1).u64(0).u32(100).raw(new byte[10], false).build(P9Type.TWRITE, 9);
        assertEquals(Errno.EPROTO, send(m, m.length, 8192).errno());
    }

    @Test
    void invalidUtf8NamesAreEinval() {
        byte[] name = {'a', (byte) 0xC3, 0x28};
        byte[] m = msg().u32(0).u32(2).u16(1).raw(name, true).build(P9Type.TWALK, 4);
        assertEquals(Errno.EINVAL, send(m, m.length, 8192).errno());
    }

    @Test
    void unknownAndReplyTypesAreEopnotsupp() {
        for (int type : List.of(0, 6, 7, 101, 105, 112, 114, 126, 255)) {
            byte[] m = msg().u32(0).build(type, 2);
            Reply r = send(m, m.length, 8192);
            assertEquals(Errno.EOPNOTSUPP, r.errno(), "type " + type);
        }
    }

    @Test
    void repliesThatDoNotFitAreErangeAndNoRoomMeansNoReply() {
        byte[] getattr = msg().u32(0).u64(0x3FFF).build(P9Type.TGETATTR, 3);
        assertEquals(Errno.ERANGE, send(getattr, getattr.length, 60).errno());
        assertEquals(0, server.handle(getattr, getattr.length, 10).length, "not even an Rlerror fits");
        assertEquals(0, server.handle(getattr, getattr.length, 0).length);
        assertTrue(send(getattr, getattr.length, 200).length() <= 200);
    }

    @Test
    void hugeCountsAndOffsetsAreBounded() {
        byte[] read = msg().u32(1).u64(0).u32(-1).build(P9Type.TREAD, 5);
        assertEquals(7, send(read, read.length, 1 << 20).body().getInt(), "count 2^32-1 reads the 7 bytes there are");
        assertEquals(Errno.EINVAL, c.read(1, Long.MIN_VALUE, 10).errno(), "offset beyond 2^63");
        assertEquals(Errno.EINVAL, c.write(1, -1L, new byte[1]).errno());
        byte[] walk = msg().u32(0).u32(2).u16(0xFFFF).build(P9Type.TWALK, 5);
        assertEquals(Errno.EINVAL, send(walk, walk.length, 8192).errno(), "65535 names");
    }
}
