package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * virtio-vsock and virtio-pmem in the Debian cloud guest: a guest connection to the host's vsock
 * port 5000 reaches the Unix socket {@code PATH_5000} (OpenVMM's hybrid vsock) and the host's
 * answer comes back; a host file shows as /dev/pmem0 with the file's md5.
 */
class VsockPmemTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    private static JvmmRun jvmm() {
        return new JvmmRun(Path.of(System.getProperty("jvmm.jar")), Path.of(System.getProperty("vmtest.vm.dir")), TIMEOUT);
    }

    private static Path dir() throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("vmtest.vm.dir"), "vsock-pmem-files"));
    }

    @Test
    void aGuestVsockConnectionReachesTheHostUnixSocket() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "the initramfs's jvmm-vsock needs gcc");
        Path base = dir().resolve("vsock");
        Path port = Path.of(base + "_5000");
        Files.deleteIfExists(base);
        Files.deleteIfExists(port);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(port));
            CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> answer(server));
            VmResult r = jvmm().boot("vsock", GuestFiles.env("JVMM_GUEST_KERNEL"), "--initrd", GuestFiles.env("JVMM_GUEST_INITRD").toString(),
                    "-m", "512M", "-c", "nokaslr jvmm.action=vsock", "--virtio-vsock-path", base.toString());
            assertFalse(r.timedOut(), r::describe);
            assertEquals(Optional.of("host-got:hello-from-the-guest"), value(r, "JVMM-VSOCK-REPLY="), r::describe);
            assertEquals("hello-from-the-guest", heard.getNow("nothing"));
        } finally {
            Files.deleteIfExists(port);
        }
    }

    /** Reads one line from the first client and answers {@code host-got:LINE}. */
    private static String answer(ServerSocketChannel server) {
        try (SocketChannel c = server.accept()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (c.read(one.clear()) > 0 && one.get(0) != '\n') {
                line.write(one.get(0));
            }
            String text = line.toString(StandardCharsets.US_ASCII);
            c.write(ByteBuffer.wrap(("host-got:" + text).getBytes(StandardCharsets.US_ASCII)));
            return text;
        } catch (java.io.IOException e) {
            return "failed: " + e;
        }
    }

    @Test
    void aHostFileIsPmem0InTheGuest() throws Exception {
        byte[] image = new byte[2 << 20];
        new Random(5).nextBytes(image);
        Path file = Files.write(dir().resolve("pmem.img"), image);
        VmResult r = jvmm().boot("pmem", GuestFiles.env("JVMM_GUEST_KERNEL"), "--initrd", GuestFiles.env("JVMM_GUEST_INITRD").toString(),
                "-m", "512M", "-c", "nokaslr jvmm.action=pmem", "--virtio-pmem", file.toString());
        assertFalse(r.timedOut(), r::describe);
        assertEquals(0, r.exitStatus(), r::describe);
        assertEquals(Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image))),
                value(r, "JVMM-PMEM="), r::describe);
    }

    private static Optional<String> value(VmResult r, String prefix) {
        return r.serial().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }
}
