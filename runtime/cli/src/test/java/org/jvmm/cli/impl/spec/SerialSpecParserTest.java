package org.jvmm.cli.impl.spec;

import static org.jvmm.cli.impl.spec.KeyValueSpecTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SerialSpecParserTest {
    @Test
    void parsesEveryBackend() throws SpecException {
        assertEquals(new SerialSpec.Console(), SerialSpecParser.parse("console"));
        assertEquals(new SerialSpec.Stderr(), SerialSpecParser.parse("stderr"));
        assertEquals(new SerialSpec.None(), SerialSpecParser.parse("none"));
        assertEquals(new SerialSpec.File("/tmp/com1.log"), SerialSpecParser.parse("file=/tmp/com1.log"));
        assertEquals(new SerialSpec.Pipe("/tmp/com1.sock"), SerialSpecParser.parse("listen=/tmp/com1.sock"));
        assertEquals(new SerialSpec.Tcp(new SocketAddressParser.HostPort("127.0.0.1", 5555)),
                SerialSpecParser.parse("listen=tcp:127.0.0.1:5555"));
        assertEquals(new SerialSpec.Tcp(new SocketAddressParser.HostPort("::1", 23)), SerialSpecParser.parse("listen=tcp:[::1]:23"));
        assertEquals(new SerialSpec.Term(Optional.of("xterm"), Optional.of("COM1")), SerialSpecParser.parse("term=xterm,name=COM1"));
        assertEquals(new SerialSpec.Term(Optional.empty(), Optional.empty()), SerialSpecParser.parse("term"));
    }

    @Test
    void debuggerModePrefix() throws SpecException {
        SerialSpec.Com com = SerialSpecParser.parseCom("debugger-mode:listen=tcp:0.0.0.0:9000");
        assertTrue(com.debuggerMode());
        assertEquals("0.0.0.0:9000", ((SerialSpec.Tcp) com.backend()).address().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | invalid serial configuration: no values supplied",
        "serial | invalid serial configuration: 'serial' is not a known option",
        "file | invalid serial configuration: file requires a value",
        "listen | invalid serial configuration: listen requires a value of tcp:addr or pipe",
        "listen=tcp:localhost:80 | invalid tcp address: invalid socket address 'localhost:80', expected ip:port",
        "listen=tcp:1.2.3.4:70000 | invalid tcp address: port '70000' is out of range (0-65535)",
        "listen=tcp:[::g]:1 | invalid tcp address: invalid IP address '::g'",
        "console,raw | invalid serial configuration: unexpected 'raw' after 'console'",
        "stderr=x | invalid serial configuration: 'stderr' takes no value",
        "term,title=x | invalid serial configuration: unexpected 'title' after 'term'",
    })
    void rejectsBadBindings(String value, String reason) {
        assertEquals(reason, message(() -> SerialSpecParser.parse(value)));
    }

    @Test
    void debugconNeedsAPort() throws SpecException {
        assertEquals(new SerialSpec.Debugcon(0xE9, new SerialSpec.Stderr()), SerialSpecParser.parseDebugcon("0xe9,stderr"));
        assertEquals(new SerialSpec.Debugcon(1026, new SerialSpec.File("/tmp/d.log")),
                SerialSpecParser.parseDebugcon("1026,file=/tmp/d.log"));
        assertEquals("invalid port 'e9'", message(() -> SerialSpecParser.parseDebugcon("e9,none")));
        assertEquals("invalid serial configuration: no values supplied", message(() -> SerialSpecParser.parseDebugcon("0xe9,")));
        assertEquals("invalid format (missing comma between port and serial)", message(() -> SerialSpecParser.parseDebugcon("0xe9")));
        assertEquals("port '0x10000' is out of range (0-65535)", message(() -> SerialSpecParser.parseDebugcon("0x10000,none")));
    }
}
