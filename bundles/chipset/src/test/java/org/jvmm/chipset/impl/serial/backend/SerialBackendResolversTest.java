package org.jvmm.chipset.impl.serial.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jvmm.chipset.impl.FakeResolveContext;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.FileSerialHandle;
import org.jvmm.vm.config.NoneSerialHandle;
import org.jvmm.vm.config.TcpSerialHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialBackendResolversTest {
    @TempDir
    Path dir;

    @Test
    void fileAppends() throws Exception {
        Path file = dir.resolve("com1.log");
        Files.writeString(file, "old\n");
        SerialBackend backend = new FileSerialResolver().resolve(new FileSerialHandle(file.toString()),
                new FakeResolveContext());
        for (byte b : "new\n".getBytes(StandardCharsets.US_ASCII)) {
            backend.write(b);
        }
        assertEquals(-1, backend.read());
        backend.close();
        assertEquals("old\nnew\n", Files.readString(file));
    }

    @Test
    void fileInAMissingDirectoryIsAResolveError() {
        String path = dir.resolve("no/such/dir/com1.log").toString();
        ResolveException e = assertThrows(ResolveException.class,
                () -> new FileSerialResolver().resolve(new FileSerialHandle(path), new FakeResolveContext()));
        assertTrue(e.getMessage().contains("serial_handle:file"), e.getMessage());
        assertTrue(e.getMessage().contains(path), e.getMessage());
    }

    @Test
    void tcpOnABusyPortIsAResolveError() throws Exception {
        try (SocketBackend first = SocketBackend.listen(TcpAddresses.parse("127.0.0.1:0"))) {
            int port = ((java.net.InetSocketAddress) first.localAddress()).getPort();
            ResolveException e = assertThrows(ResolveException.class, () -> new TcpSerialResolver()
                    .resolve(new TcpSerialHandle("127.0.0.1:" + port), new FakeResolveContext()));
            assertTrue(e.getMessage().contains("serial_handle:tcp"), e.getMessage());
        }
    }

    @Test
    void noneHasNoCarrierAndNoInput() throws Exception {
        SerialBackend backend = new NoneSerialResolver().resolve(new NoneSerialHandle(), new FakeResolveContext());
        backend.write('x');
        assertEquals(-1, backend.read());
        assertFalse(backend.connected());
    }

    @Test
    void consoleWritesStdoutAndReadsStdin() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Semaphore woken = new Semaphore(0);
        ConsoleBackend console = new ConsoleBackend(out,
                new ByteArrayInputStream("ab".getBytes(StandardCharsets.US_ASCII)));
        console.setWakeListener(woken::release);
        console.start();
        console.write('z');
        assertEquals("z", out.toString(StandardCharsets.US_ASCII));
        assertTrue(woken.tryAcquire(5, TimeUnit.SECONDS));
        assertEquals('a', console.read());
        assertEquals('b', console.read());
        assertEquals(-1, console.read());
        console.close();
    }

    @Test
    void inputBufferBlocksTheReaderWhileFullAndReleasesOnClose() throws Exception {
        InputBuffer buffer = new InputBuffer(2);
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                buffer.put(new byte[] {1, 2, 3}, 0, 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (buffer.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(2, buffer.size());
        assertEquals(1, buffer.take());
        writer.join(5000);
        assertFalse(writer.isAlive(), "room for the third byte");
        assertEquals(2, buffer.take());
        assertEquals(3, buffer.take());
        assertEquals(-1, buffer.take());
    }
}
